/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the loader. Bytes -> model or diagnostics, never a crash,
 * a hang, a leak or a sanitizer report (tests/fuzz/README.md).
 *
 * Beyond "does not crash", it checks the loader's contract: a model comes
 * back exactly when the status is OK, a refusal always says why (at least
 * one error diagnostic unless memory ran out), and every diagnostic is one
 * line of valid UTF-8 (they are printed on a terminal and copied into
 * reports). A violated invariant aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "medscope/medscope.h"

/* Load once in each language with a small diagnostics cap, and once with
 * tight limits so that the limit paths are fuzzed too. */
static void load_once(const uint8_t *data, size_t size, const medscope_load_options *opts)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	if (medscope_diags_new(&d, 8) != MEDSCOPE_OK)
		return;
	medscope_status st =
		medscope_model_load_memory(&m, (const char *)data, size, "fuzz.xml", opts, d);
	ms_fuzz_check_load(st, m, d);
	if (m) {
		/* Touch what the public getters hand out. */
		ms_fuzz_check_utf8(medscope_model_name(m), strlen(medscope_model_name(m)), "the model name");
		(void)medscope_model_party_count(m);
	}
	medscope_model_free(m);
	medscope_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_fuzz_init();
	medscope_load_options o;
	medscope_load_options_init(&o);
	load_once(data, size, &o);
	o.lang = MEDSCOPE_LANG_JA;
	load_once(data, size, &o);

	medscope_load_options_init(&o);
	o.max_depth = 3;
	o.max_attributes = 6;
	o.max_value_length = 64;
	o.max_input = 4096;
	load_once(data, size, &o);
	return 0;
}
