'use strict';
/*
 * Drives the real Sunbird telemetry SDK (npm @project-sunbird/telemetry-sdk, pinned in package.json) for
 * org.egov.telemetry.it.sdk.SunbirdSdkIT and records what it puts on the wire.
 *
 *   node sunbird-sdk-driver.js plan.json
 *
 * plan.json:
 *   initialize       the object handed to $t.initialize (host, endpoint, did, channel, batchsize, ...)
 *   calls            [{method, args}] run in order on $t (start is awaited: it is async in the SDK)
 *   exchangeLog      NDJSON file; one line per answered (or failed) request, written as it happens
 *   resultFile       JSON written at the end: {node, sdk, produced, exchanges, done, reason}
 *   holdResendUntil  optional file: once a request was not answered 2xx, the next request waits until
 *                    this file exists (so a test can change the server before the SDK's resend goes out)
 *   deadlineMs       how long to wait for every produced event to be acknowledged
 *
 * The SDK (2.0.1) sends with the global fetch of Node >= 18; this script wraps that fetch, so the bodies,
 * headers and answers recorded are exactly those of the SDK's own requests, retries included.
 */
const fs = require('fs');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sdkPackage = require('@project-sunbird/telemetry-sdk/package.json');
const { $t } = require('@project-sunbird/telemetry-sdk');

const produced = [];
const exchanges = [];
const acknowledged = new Set();
let inFlight = 0;
let unanswered = 0;

if (typeof globalThis.fetch !== 'function') {
  fail(`Node ${process.version} has no global fetch, which the SDK needs (Node >= 18)`);
}
const realFetch = globalThis.fetch;

globalThis.fetch = async function recordingFetch(url, init = {}) {
  inFlight++;
  try {
    if (unanswered > 0 && plan.holdResendUntil) {
      await waitForFile(plan.holdResendUntil);
    }
    const exchange = {
      seq: exchanges.length + 1,
      sentAt: Date.now(),
      url: String(url),
      method: init.method || 'GET',
      headers: lowerCaseKeys(init.headers || {}),
      body: typeof init.body === 'string' ? init.body : null,
    };
    exchanges.push(exchange);
    let response;
    try {
      response = await realFetch(url, init);
    } catch (error) {
      exchange.error = String(error && error.cause ? `${error} (${error.cause})` : error);
      unanswered++;
      log(exchange);
      throw error;
    }
    // The SDK reads the body itself, so read a clone.
    exchange.status = response.status;
    exchange.responseHeaders = Object.fromEntries(response.headers.entries());
    exchange.response = await response.clone().text();
    exchange.answeredAt = Date.now();
    if (response.ok) {
      for (const event of eventsOf(exchange.body)) {
        acknowledged.add(event.mid);
      }
    } else {
      unanswered++;
    }
    log(exchange);
    return response;
  } finally {
    inFlight--;
  }
};

// Every event the SDK builds passes its sync manager's sendTelemetry on its way to a batch.
const syncManager = $t._syncManager;
if (!syncManager || typeof syncManager.sendTelemetry !== 'function') {
  fail(`@project-sunbird/telemetry-sdk ${sdkPackage.version} has no _syncManager.sendTelemetry to observe`);
}
const sendTelemetry = syncManager.sendTelemetry.bind(syncManager);
syncManager.sendTelemetry = (event) => {
  produced.push(JSON.parse(JSON.stringify(event.detail || event)));
  return sendTelemetry(event);
};

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));

async function main() {
  fs.writeFileSync(plan.exchangeLog, '');
  $t.initialize(plan.initialize);
  for (const call of plan.calls) {
    if (typeof $t[call.method] !== 'function') {
      throw new Error(`the SDK has no method ${call.method}`);
    }
    await $t[call.method](...(call.args || []));
  }
  const deadline = Date.now() + (plan.deadlineMs || 60000);
  while (!(inFlight === 0 && produced.length > 0 && produced.every((event) => acknowledged.has(event.mid)))) {
    if (Date.now() > deadline) {
      finish(false, `not every produced event was acknowledged within ${plan.deadlineMs} ms`);
      return;
    }
    await sleep(50);
  }
  finish(true, 'every produced event was acknowledged');
}

function finish(done, reason) {
  const result = { node: process.version, sdk: sdkPackage.version, done, reason, produced, exchanges };
  fs.writeFileSync(plan.resultFile, JSON.stringify(result, null, 2));
  console.log(`sunbird-sdk-driver: ${reason} (${produced.length} events, ${exchanges.length} requests)`);
  process.exit(done ? 0 : 2);
}

function fail(message) {
  console.error(`sunbird-sdk-driver: ${message}`);
  process.exit(1);
}

function log(exchange) {
  fs.appendFileSync(plan.exchangeLog, JSON.stringify(exchange) + '\n');
}

function eventsOf(body) {
  try {
    const parsed = JSON.parse(body);
    return Array.isArray(parsed.events) ? parsed.events : [];
  } catch (error) {
    return [];
  }
}

function lowerCaseKeys(headers) {
  const entries = typeof headers.entries === 'function' ? Array.from(headers.entries()) : Object.entries(headers);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

async function waitForFile(file) {
  const deadline = Date.now() + (plan.deadlineMs || 60000);
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) {
      throw new Error(`${file} did not appear within ${plan.deadlineMs} ms`);
    }
    await sleep(50);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
