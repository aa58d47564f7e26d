// The pipeline console: polls /telemetry/pipeline and draws the chain, a rate chart, lags and failures.
(function () {
  'use strict';
  var REFRESH_MS = 2000;
  var MAIN = ['ingest', 'unbundle', 'enriched', 'index'];
  var SIDE = ['archive', 'failed', 'duplicates', 'replay'];
  var COLORS = { ingest: '#2b6cb0', unbundle: '#805ad5', enriched: '#319795', index: '#1f8a4c',
                 archive: '#b7791f', failed: '#c53030', duplicates: '#718096', replay: '#d53f8c' };
  var plot = null;
  var plotStages = '';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function count(n) {
    return n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US');
  }

  function rate(w) {
    var r = w ? w.perSecond : null;
    if (r === null || r === undefined) { return '–'; }
    return (r < 10 ? r.toFixed(1) : Math.round(r).toLocaleString('en-US')) + '/s';
  }

  // A reader at rest on a topic written exactly once stays one offset per partition behind: the last marker.
  function caughtUp(stage) {
    return stage.lag !== null && stage.partitions && stage.lag <= stage.partitions;
  }

  // routed: records counted by reason on the stage's topic (failed and duplicates), which the offsets above
  // overstate by one transaction marker per transaction
  function card(stage, routed) {
    var cls = 'stage ' + stage.kind + (stage.state ? ' state-' + stage.state : '');
    var tasks = Object.keys(stage.tasks || {}).map(function (s) { return stage.tasks[s] + ' ' + s; }).join(', ');
    var head = el('div', {}, [el('span', { 'class': 'name' }, [stage.label]),
      el('span', { 'class': 'badge' }, [stage.connector ? (stage.state || 'no status') : 'topic'])]);
    var parts = [head, el('div', { 'class': 'topic-name' }, [(stage.kind === 'topic' ? '' : 'reads ') + stage.topic]),
      el('div', { 'class': 'position', 'data-position': String(stage.position) }, [count(stage.position)]),
      el('div', { 'class': 'rates' }, [stage.unit + ' · ' + rate(stage.rates['10s']) + ' (10 s) · ' + rate(stage.rates['1m']) +
        ' (1 min)'])];
    if (stage.lag !== null && stage.lag !== undefined) {
      parts.push(el('div', { 'class': 'extra' }, ['lag ' + count(stage.lag) + (caughtUp(stage) ? ' · caught up' : '')]));
    }
    if (routed !== undefined) {
      parts.push(el('div', { 'class': 'extra' }, [count(routed) + (routed === 1 ? ' record' : ' records') +
        ' by reason (below)']));
    }
    if (tasks) {
      parts.push(el('div', { 'class': 'extra' }, ['tasks: ' + tasks]));
    }
    return el('div', { 'class': cls, id: 'stage-' + stage.id, 'data-stage': stage.id }, parts);
  }

  function drawChain(stages, reasons) {
    var byId = {};
    stages.forEach(function (s) { byId[s.id] = s; });
    var routed = {};
    (reasons.items || []).forEach(function (r) { routed[r.topic] = (routed[r.topic] || 0) + r.count; });
    var main = el('div', { 'class': 'chain-row' });
    MAIN.filter(function (id) { return byId[id]; }).forEach(function (id, i) {
      if (i > 0) { main.appendChild(el('div', { 'class': 'arrow' }, ['→'])); }
      main.appendChild(card(byId[id]));
    });
    var side = el('div', { 'class': 'chain-row side' }, [el('div', { 'class': 'caption' }, ['side outputs ↳'])]);
    SIDE.filter(function (id) { return byId[id]; }).forEach(function (id) {
      var s = byId[id];
      side.appendChild(card(s, id === 'failed' || id === 'duplicates' ? routed[s.topic] || 0 : undefined));
    });
    var chain = document.getElementById('chain');
    chain.replaceChildren(main, side);
  }

  function drawChart(stages, history) {
    var ids = stages.map(function (s) { return s.id; });
    var data = [history.t.map(function (t) { return t / 1000; })];
    ids.forEach(function (id) { data.push(history.rates[id] || []); });
    var container = document.getElementById('chart');
    if (!plot || plotStages !== ids.join(',')) {
      if (plot) { plot.destroy(); }
      var series = [{}].concat(stages.map(function (s) {
        return { label: s.label, stroke: COLORS[s.id] || '#4a5568', width: 2, spanGaps: true,
                 value: function (u, v) { return v === null || v === undefined ? '–' : v.toFixed(1) + '/s'; } };
      }));
      var clock = function (u, ticks) {
        return ticks.map(function (t) { return new Date(t * 1000).toLocaleTimeString(); });
      };
      plot = new uPlot({ width: Math.max(300, container.clientWidth), height: 240, series: series,
                         axes: [{ space: 90, values: clock }, { label: 'offsets/s', size: 70 }],
                         scales: { x: { time: true } } }, data, container);
      plotStages = ids.join(',');
    } else {
      plot.setData(data);
    }
  }

  function drawLags(stages) {
    var readers = stages.filter(function (s) { return s.lag !== null && s.lag !== undefined; });
    // batches and events do not compare: a bar's full width is the largest lag in its unit, and at least 1,000
    var max = {};
    readers.forEach(function (s) { max[s.unit] = Math.max(max[s.unit] || 1000, s.lag); });
    var rows = readers.map(function (s) {
      var width = (100 * s.lag / max[s.unit]).toFixed(1);
      var bar = el('div', { 'class': 'lag-bar' }, [el('div', { style: 'width:' + width + '%' })]);
      return el('div', { 'class': 'lag-row', id: 'lag-' + s.id }, [el('span', {}, [s.label]), bar,
        el('span', { 'class': 'num' }, [caughtUp(s) ? 'caught up' : count(s.lag) + ' ' + s.unit])]);
    });
    document.getElementById('lags').replaceChildren.apply(document.getElementById('lags'),
      rows.length ? rows : [el('p', { 'class': 'muted' }, ['no reader connectors yet'])]);
  }

  function drawReasons(reasons) {
    var body = document.querySelector('#reasons tbody');
    var rows = reasons.items.map(function (r) {
      return el('tr', { 'data-kind': r.kind }, [el('td', {}, [r.kind]), el('td', {}, [r.stage || '']),
        el('td', { 'class': 'reason' }, [r.reason]), el('td', { 'class': 'num' }, [count(r.count)])]);
    });
    body.replaceChildren.apply(body, rows.length ? rows
      : [el('tr', {}, [el('td', { colspan: '4', 'class': 'muted' }, ['none'])])]);
    document.getElementById('reasons-since').textContent = reasons.since
      ? 'Counted since ' + new Date(reasons.since).toLocaleTimeString() + ', starting at most ' +
        count(reasons.seedPerPartition) + ' records before the end of each partition.'
      : '';
  }

  function drawConnectors(connectors) {
    var body = document.querySelector('#connectors tbody');
    body.replaceChildren.apply(body, connectors.map(function (c) {
      var tasks = c.tasks.map(function (t) { return t.id + ': ' + t.state + (t.worker ? ' on ' + t.worker : ''); });
      return el('tr', {}, [el('td', {}, [c.name]), el('td', {}, [c.type]),
        el('td', {}, [el('span', { 'class': 'state ' + c.state }, [c.state])]), el('td', {}, [tasks.join(' · ')])]);
    }));
  }

  function render(view) {
    document.getElementById('sampled').textContent = view.sampledAt
      ? 'sampled ' + new Date(view.sampledAt).toLocaleTimeString() : 'waiting for the first sample…';
    var error = document.getElementById('error');
    error.hidden = !view.error;
    error.textContent = view.error ? 'Last sample failed: ' + view.error : '';
    drawChain(view.stages, view.reasons || {});
    drawChart(view.stages, view.history);
    drawLags(view.stages);
    drawReasons(view.reasons);
    drawConnectors(view.connectors);
  }

  function refresh() {
    fetch('/telemetry/pipeline', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(render)
      .catch(function (e) {
        var error = document.getElementById('error');
        error.hidden = false;
        error.textContent = 'Cannot reach the worker: ' + e.message;
      })
      .finally(function () { setTimeout(refresh, REFRESH_MS); });
  }

  refresh();
}());
