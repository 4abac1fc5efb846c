#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Validate SARIF logs against the official SARIF 2.1.0 JSON schema
// (sarif-schema-2.1.0.json beside this file, OASIS errata01, draft-04).
//
//   node tests/sarif/validate.js FILE...
//
// Exit 0 when every file validates, 1 when one does not (the schema errors
// are printed), 3 when the validator itself is missing (run `npm ci` in
// tests/sarif first), so that a test can tell "invalid" from "cannot check".
'use strict';

const fs = require('fs');
const path = require('path');

let Ajv04, addFormats;
try {
	Ajv04 = require('ajv-draft-04');
	addFormats = require('ajv-formats');
} catch (e) {
	process.stderr.write(`validate.js: ajv is not installed (${e.code || e.message}); ` +
		`run 'npm ci' in ${__dirname}\n`);
	process.exit(3);
}

const files = process.argv.slice(2);
if (files.length === 0) {
	process.stderr.write('usage: node validate.js FILE...\n');
	process.exit(2);
}

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
// strict: false because the official schema carries keywords (e.g. "default"
// inside string items) that Ajv's strict mode rejects; the checks are the same.
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const file of files) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		process.stdout.write(`${file}: not JSON: ${e.message}\n`);
		bad++;
		continue;
	}
	if (validate(doc)) {
		process.stdout.write(`${file}: valid SARIF 2.1.0\n`);
	} else {
		bad++;
		for (const err of validate.errors)
			process.stdout.write(`${file}: ${err.instancePath || '/'} ${err.message}` +
				` ${JSON.stringify(err.params)}\n`);
	}
}
process.exit(bad ? 1 : 0);
