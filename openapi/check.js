// SPDX-License-Identifier: MIT
// ctest openapi.check: validates openapi/tokendesk.yaml with swagger-parser (OpenAPI 3.1), then
// every answer the server tests recorded (<build>/openapi-answers/<test>/*.json, written by
// tests/server/serverharness.cpp) against the schema of its path, method and status.
//   node check.js <tokendesk.yaml> <answers directory>
'use strict';
const fs = require('fs');
const path = require('path');
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

function answersIn(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const test of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, test);
    if (!fs.statSync(sub).isDirectory()) continue;
    for (const f of fs.readdirSync(sub).sort())
      if (f.endsWith('.json')) out.push(path.join(sub, f));
  }
  return out;
}

function templateOf(paths, concrete) {
  if (paths[concrete]) return concrete;
  for (const t of Object.keys(paths)) {
    if (!t.includes('{')) continue;
    const re = new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(concrete)) return t;
  }
  return null;
}

async function main() {
  const [yamlFile, answersDir] = process.argv.slice(2);
  if (!yamlFile || !answersDir) {
    console.error('usage: node check.js <tokendesk.yaml> <answers directory>');
    process.exit(2);
  }
  // 1. The description itself: OpenAPI 3.1 schema, $refs resolve.
  await SwaggerParser.validate(yamlFile);
  const api = await SwaggerParser.dereference(yamlFile);
  console.log(`${yamlFile}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);

  // 2. The recorded answers.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map();
  const validator = (key, schema) => {
    if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
    return compiled.get(key);
  };
  const errorSchema = api.components.schemas.Error;
  const files = answersIn(answersDir);
  let failures = 0;
  const seen = new Set();
  for (const file of files) {
    const a = JSON.parse(fs.readFileSync(file, 'utf8'));
    const where = `${path.relative(answersDir, file)}: ${a.method} ${a.path} → ${a.status}`;
    const fail = (why) => { failures++; console.error(`FAIL ${where}: ${why}`); };
    if (a.status === 0) { fail('no answer (connection failed)'); continue; }
    const template = templateOf(api.paths, a.path);
    const operation = template && api.paths[template][a.method.toLowerCase()];
    let schema, key;
    if (!operation) {
      // No such path or method: the answer is an error (404, 405).
      if (a.status < 400) { fail('a success answer for a path or method not described'); continue; }
      schema = errorSchema; key = 'Error';
    } else {
      seen.add(`${a.method} ${template}`);
      const response = operation.responses[String(a.status)] || operation.responses.default;
      if (!response) { fail('status not described'); continue; }
      if (a.status === 204 || !response.content) {
        if (a.bodyIsJson || (typeof a.body === 'string' && a.body.length > 0))
          fail('a body where none is described');
        continue;
      }
      const csv = response.content['text/csv'];
      if (csv) {
        // A CSV export: its Content-Type, and the header line of the described example.
        if (!String(a.contentType).startsWith('text/csv')) fail(`Content-Type ${a.contentType}`);
        const header = String(csv.example || '').split('\r\n')[0];
        if (a.bodyIsJson || typeof a.body !== 'string' || !a.body.startsWith(header + '\r\n'))
          fail(`not a CSV starting with "${header}": ${String(a.body).slice(0, 200)}`);
        continue;
      }
      const media = response.content['application/json'];
      if (!media) { fail('no application/json content described'); continue; }
      schema = media.schema;
      key = `${a.method} ${template} ${a.status in operation.responses ? a.status : 'default'}`;
    }
    if (!a.bodyIsJson) { fail(`not JSON: ${String(a.body).slice(0, 200)}`); continue; }
    if (!String(a.contentType).startsWith('application/json')) fail(`Content-Type ${a.contentType}`);
    const validate = validator(key, schema);
    if (!validate(a.body))
      fail(ajv.errorsText(validate.errors) + ` in ${JSON.stringify(a.body).slice(0, 300)}`);
  }
  const described = [];
  for (const [p, item] of Object.entries(api.paths))
    for (const m of Object.keys(item)) described.push(`${m.toUpperCase()} ${p}`);
  const untested = described.filter((d) => !seen.has(d));
  console.log(`${files.length} answers validated, ${failures} failed; ` +
              `${described.length - untested.length} of ${described.length} operations answered`);
  if (untested.length) console.log('operations without a recorded answer: ' + untested.join(', '));
  if (files.length === 0) {
    console.error(`no recorded answers in ${answersDir}: run server.adminapi and security.authz first`);
    process.exit(1);
  }
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
