/* settings: the reader's configuration file.  One setting a line:
 *
 *   bind KEY ACTION      KEY is a character, ^X, or Up Down Left Right
 *                        PgUp PgDn Home End Tab S-Tab Enter BS Space Esc
 *   unbind KEY
 *   color ELEMENT FG [BG]  ELEMENT: focus title label copy status;
 *                        colours: default black red green yellow blue
 *                        magenta cyan white, or 0-255
 *   set OPTION VALUE     see the options table below
 *
 * A bad line is reported with its number and skipped; the rest loads.
 * The options live in one table, which the manual follows. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "ui/settings.h"
#include "util.h"

static const char *const action_names[ACT_COUNT] = {
#define ACTION(id, name, keys, help) [id] = name,
#include "ui/actions.def"
#undef ACTION
};

enum opt_type { OPT_BOOL, OPT_INT, OPT_LAYOUT };

static const struct option_def {
	const char	*name;
	enum opt_type	 type;
	int		 min, max;
	const char	*description;
} options[] = {
	{ "fold", OPT_BOOL, 0, 1, N_("fold duplicate clusters (yes)") },
	{ "read-marks-cluster", OPT_BOOL, 0, 1,
	    N_("reading an article marks its duplicates read (yes)") },
	{ "refresh", OPT_INT, 1, 3600,
	    N_("seconds between looks for new articles (1)") },
	{ "preview-delay", OPT_INT, 0, 2000,
	    N_("milliseconds without a key before the panes follow the "
	    "list (60)") },
	{ "split", OPT_INT, LAYOUT_SPLIT_MIN, LAYOUT_SPLIT_MAX,
	    N_("the list's share of the screen, in percent (40)") },
	{ "layout", OPT_LAYOUT, 0, 0, N_("auto, wide or narrow (auto)") },
};

static const char *const colours[] = { "black", "red", "green", "yellow",
    "blue", "magenta", "cyan", "white" };

static const char *const elements[] = { "focus", "title", "label", "copy",
    "status" };

void
settings_init(struct settings *c)
{
	memset(c, 0, sizeof *c);
	c->fold = true;
	c->read_cluster = true;
	c->refresh = 1;
	c->preview_delay = 60;
	c->split = LAYOUT_SPLIT_DEFAULT;
	c->layout = LAYOUT_AUTO;
}

void
settings_fini(struct settings *c)
{
	size_t i;

	for (i = 0; i < c->nviews; i++) {
		free(c->views[i].name);
		free(c->views[i].filter);
	}
	c->nviews = 0;
	free(c->errors);
	c->errors = NULL;
}

static void
problem(struct settings *c, const char *path, size_t no, const char *fmt, ...)
    LEDE_PRINTF(4, 5);

static void
problem(struct settings *c, const char *path, size_t no, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	{
		struct strbuf b = { 0 };

		if (c->errors != NULL)
			strbuf_addf(&b, "%s\n", c->errors);
		if (no == 0)	/* the file, not a line */
			strbuf_addf(&b, "%s: %s", path, msg);
		else
			strbuf_addf(&b, "%s:%zu: %s", path, no, msg);
		free(c->errors);
		c->errors = strbuf_steal(&b);
		c->nerrors++;
	}
	free(msg);
}

static int
parse_colour(const char *s)
{
	char *end;
	long v;
	size_t i;

	if (strcmp(s, "default") == 0)
		return -1;
	for (i = 0; i < sizeof colours / sizeof colours[0]; i++)
		if (strcmp(s, colours[i]) == 0)
			return (int)i;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == 0 && *end == '\0' && end != s && v >= 0 && v <= 255)
		return (int)v;
	return -2;
}

/* "view NAME = FILTER": the filter is checked now, so that a mistake is
 * reported with its line rather than when the view is chosen. */
static void
parse_view(struct settings *c, const char *path, size_t no, char *rest)
{
	char *eq = strchr(rest, '='), *name, *filter, *err = NULL;
	struct query *q = NULL;
	size_t i, column;

	if (eq == NULL) {
		problem(c, path, no, _("expected: view NAME = FILTER"));
		return;
	}
	*eq = '\0';
	name = trim_line(rest);
	filter = trim_line(eq + 1);
	if (name == NULL || filter == NULL || strpbrk(name, " \t") != NULL) {
		problem(c, path, no, _("expected: view NAME = FILTER"));
		return;
	}
	if (query_parse(filter, NULL, &q, &column, &err) != 0) {
		problem(c, path, no, _("view %s: %s"), name, err);
		free(err);
		return;
	}
	query_free(q);
	for (i = 0; i < c->nviews; i++)
		if (strcmp(c->views[i].name, name) == 0)
			break;
	if (i == sizeof c->views / sizeof c->views[0]) {
		problem(c, path, no, _("too many views"));
		return;
	}
	if (i == c->nviews) {
		c->views[i].name = xstrdup(name);
		c->nviews++;
	} else
		free(c->views[i].filter);
	c->views[i].filter = xstrdup(filter);
}

static void
parse_line(struct settings *c, const char *path, size_t no, char *line)
{
	char *save = NULL, *cmd, *a1, *a2, *a3, *end;
	size_t i;
	int code;
	bool is_key;

	if (strncmp(line, "view", 4) == 0 && (line[4] == ' ' ||
	    line[4] == '\t')) {
		parse_view(c, path, no, line + 5);
		return;
	}
	cmd = strtok_r(line, " \t", &save);
	a1 = strtok_r(NULL, " \t", &save);
	a2 = strtok_r(NULL, " \t", &save);
	a3 = strtok_r(NULL, " \t", &save);
	if (strcmp(cmd, "bind") == 0 || strcmp(cmd, "unbind") == 0) {
		bool bind = cmd[0] == 'b';
		enum action act = ACT_NONE;

		if (a1 == NULL || (bind ? a2 == NULL || a3 != NULL : a2 != NULL)) {
			problem(c, path, no, bind ? _("expected: bind KEY ACTION") :
			    _("expected: unbind KEY"));
			return;
		}
		if (!ui_key_parse(a1, &code, &is_key)) {
			problem(c, path, no, _("unknown key '%s'"), a1);
			return;
		}
		if (bind) {
			for (i = ACT_NONE + 1; i < ACT_COUNT; i++)
				if (strcmp(a2, action_names[i]) == 0)
					act = (enum action)i;
			if (act == ACT_NONE) {
				problem(c, path, no, _("unknown action '%s'"),
				    a2);
				return;
			}
		}
		if (c->nbinds < sizeof c->binds / sizeof c->binds[0]) {
			c->binds[c->nbinds].code = code;
			c->binds[c->nbinds].is_key = is_key;
			c->binds[c->nbinds].act = act;
			c->nbinds++;
		}
		return;
	}
	if (strcmp(cmd, "color") == 0 || strcmp(cmd, "colour") == 0) {
		int fg, bg = -1;

		if (a1 == NULL || a2 == NULL) {
			problem(c, path, no, _("expected: color ELEMENT FG [BG]"));
			return;
		}
		for (i = 0; i < sizeof elements / sizeof elements[0]; i++)
			if (strcmp(a1, elements[i]) == 0)
				break;
		if (i == sizeof elements / sizeof elements[0]) {
			problem(c, path, no, _("unknown element '%s'"), a1);
			return;
		}
		fg = parse_colour(a2);
		if (a3 != NULL)
			bg = parse_colour(a3);
		if (fg < -1 || bg < -1) {
			problem(c, path, no, _("unknown colour '%s'"), fg < -1 ?
			    a2 : a3);
			return;
		}
		c->colour[i].set = true;
		c->colour[i].fg = fg;
		c->colour[i].bg = bg;
		return;
	}
	if (strcmp(cmd, "set") == 0) {
		const struct option_def *o = NULL;
		long v = 0;

		if (a1 == NULL || a2 == NULL || a3 != NULL) {
			problem(c, path, no, _("expected: set OPTION VALUE"));
			return;
		}
		for (i = 0; i < sizeof options / sizeof options[0]; i++)
			if (strcmp(a1, options[i].name) == 0)
				o = &options[i];
		if (o == NULL) {
			problem(c, path, no, _("unknown option '%s'"), a1);
			return;
		}
		switch (o->type) {
		case OPT_BOOL:
			if (strcmp(a2, "yes") == 0 || strcmp(a2, "on") == 0)
				v = 1;
			else if (strcmp(a2, "no") != 0 && strcmp(a2, "off") !=
			    0) {
				problem(c, path, no, _("%s: expected yes or no, "
				    "not '%s'"), a1, a2);
				return;
			}
			break;
		case OPT_INT:
			errno = 0;
			v = strtol(a2, &end, 10);
			if (errno || *end || end == a2 || v < o->min ||
			    v > o->max) {
				problem(c, path, no, _("%s: expected a number "
				    "from %d to %d, not '%s'"), a1, o->min,
				    o->max, a2);
				return;
			}
			break;
		case OPT_LAYOUT:
			if (strcmp(a2, "auto") == 0)
				v = LAYOUT_AUTO;
			else if (strcmp(a2, "wide") == 0)
				v = LAYOUT_WIDE;
			else if (strcmp(a2, "narrow") == 0)
				v = LAYOUT_NARROW;
			else {
				problem(c, path, no, _("layout: expected auto, "
				    "wide or narrow, not '%s'"), a2);
				return;
			}
			break;
		}
		if (strcmp(a1, "fold") == 0)
			c->fold = v;
		else if (strcmp(a1, "read-marks-cluster") == 0)
			c->read_cluster = v;
		else if (strcmp(a1, "refresh") == 0)
			c->refresh = (int)v;
		else if (strcmp(a1, "preview-delay") == 0)
			c->preview_delay = (int)v;
		else if (strcmp(a1, "split") == 0)
			c->split = (int)v;
		else
			c->layout = (enum layout_mode)v;
		return;
	}
	problem(c, path, no, _("unknown command '%s'"), cmd);
}

int
settings_load(struct settings *c, const char *path, bool named)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *s;
	size_t cap = 0, no = 0;
	int e;

	if (f == NULL) {
		if (errno == ENOENT && !named)
			return 0;
		problem(c, path, 0, _("cannot read settings: %s"),
		    strerror(errno));
		return -2;
	}
	while (getline(&line, &cap, f) != -1) {
		no++;
		if ((s = trim_line(line)) != NULL)
			parse_line(c, path, no, s);
	}
	e = errno;
	free(line);
	/* A directory opens, then fails its first read (EISDIR): that is
	 * no empty file of settings. */
	if (ferror(f)) {
		problem(c, path, 0, _("cannot read settings: %s"),
		    strerror(e));
		fclose(f);
		return -2;
	}
	fclose(f);
	return c->nerrors ? -1 : 0;
}

char *
settings_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/lede/config", xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.config/lede/config", home);
	return NULL;
}
