#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Validate medscope's JSON documents against the project's JSON Schemas
// (schemas/medscope-{report,diff,impact}-1.schema.json, draft 2020-12):
// each file is checked against the schema its "format" names.
//
//   node tests/sarif/validate-json.js SCHEMA_DIR FILE...
//
// Exit 0 when every file validates, 1 when one does not (the errors are
// printed), 3 when ajv is missing (run `npm ci` in tests/sarif), so that a
// test can tell "invalid" from "cannot check".
'use strict';

const fs = require('fs');
const path = require('path');

let Ajv2020, addFormats;
try {
	Ajv2020 = require('ajv/dist/2020');
	addFormats = require('ajv-formats');
} catch (e) {
	process.stderr.write(`validate-json.js: ajv is not installed (${e.code || e.message}); ` +
		`run 'npm ci' in ${__dirname}\n`);
	process.exit(3);
}

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
	process.stderr.write('usage: node validate-json.js SCHEMA_DIR FILE...\n');
	process.exit(2);
}

// Ajv's default strict mode: an unknown keyword or format in our schemas is
// an error, not silently no check.
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const byFormat = {};
for (const [format, file] of [['medscope-report/1', 'medscope-report-1.schema.json'],
	['medscope-diff/1', 'medscope-diff-1.schema.json'],
	['medscope-impact/1', 'medscope-impact-1.schema.json']]) {
	const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	ajv.addSchema(schema);
	byFormat[format] = schema.$id;
}

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
	const id = doc && byFormat[doc.format];
	if (!id) {
		process.stdout.write(`${file}: unknown format ${JSON.stringify(doc && doc.format)}\n`);
		bad++;
		continue;
	}
	const validate = ajv.getSchema(id);
	if (validate(doc)) {
		process.stdout.write(`${file}: valid ${doc.format}\n`);
	} else {
		bad++;
		for (const err of validate.errors)
			process.stdout.write(`${file}: ${err.instancePath || '/'} ${err.message}` +
				` ${JSON.stringify(err.params)}\n`);
	}
}
process.exit(bad ? 1 : 0);
