/* Translation macros: _() for strings used where written, N_() for strings
 * in static tables that are translated where they are used. */
#ifndef LEDE_I18N_H
#define LEDE_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
