/* The public header compiles alone, strictly, as C11 (and C++ would take it:
 * extern "C"). Built with -Wall -Wextra -pedantic -Werror by tests/CMakeLists.txt. */
#include "medscope/medscope.h"

int main(void)
{
	medscope_load_options o;
	medscope_load_options_init(&o);
	return medscope_rule_count() > 0 && o.max_input > 0 ? 0 : 1;
}
