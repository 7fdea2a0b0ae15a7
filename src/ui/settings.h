/* settings: the reader's configuration file ($XDG_CONFIG_HOME/lede/config
 * or --config PATH): key bindings, colours and options.  It parses; ui.c
 * applies.  A bad line is reported (file:line: message) and skipped. */
#ifndef LEDE_UI_SETTINGS_H
#define LEDE_UI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"

#define SETTINGS_COLOURS 5	/* focus title label copy status */

struct settings {
	struct {
		int		code;
		bool		is_key;
		enum action	act;	/* ACT_NONE: unbind */
	} binds[64];
	size_t		 nbinds;
	struct {
		bool	set;
		int	fg, bg;		/* -1: the terminal's default */
	} colour[SETTINGS_COLOURS];
	bool		 fold;
	bool		 read_cluster;
	int		 refresh;	/* seconds */
	int		 preview_delay;	/* milliseconds */
	int		 split;
	enum layout_mode layout;
	/* Named filters: "view NAME = FILTER". */
	struct settings_view {
		char	*name;
		char	*filter;
	} views[32];
	size_t		 nviews;
	char		*errors;	/* the problems, one a line, or NULL */
	size_t		 nerrors;
};

void settings_init(struct settings *c);
void settings_fini(struct settings *c);
/* Read path on top of the defaults.  A missing file is no error unless
 * named is set (--config).  Returns -1 when a line was bad, -2 when the
 * file could not be read (see c->errors, c->nerrors). */
int settings_load(struct settings *c, const char *path, bool named);
/* $XDG_CONFIG_HOME/lede/config or ~/.config/lede/config; caller frees;
 * NULL when neither is known. */
char *settings_default_path(void);

#endif
