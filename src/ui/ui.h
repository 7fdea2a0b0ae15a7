/* ui: the reader.  ui.c owns the loop (resize, redraw, keys, mouse,
 * signals), the layout and the state the panes share (the selected
 * article, history, search, fold); each pane-*.c owns one pane's state,
 * drawing and keys.  It reads and writes the cache only through the
 * store API and never runs SQL. */
#ifndef LEDE_UI_UI_H
#define LEDE_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "ui/curses.h"
#include "ui/layout.h"

struct article;
struct query;
struct settings_view;
struct store;

/* What the list shows: a view's filter (its name kept for the status
 * line), a filter typed with f, and search words typed with /; each
 * NULL when unset.  The list shows what all of them match. */
struct ui_scope {
	char	*view;
	char	*filter;
	char	*search;
	char	*typed;		/* the search as typed, without the "*"
				   the reader adds (NULL: as search) */
};

/* A place to go back to: an article and the list it was in. */
struct ui_place {
	int64_t		 id;
	struct ui_scope	 scope;
	bool		 fold;	/* the list folded duplicates (Back only) */
};

enum action {
	ACT_NONE = 0,
#define ACTION(id, name, keys, help) id,
#include "ui/actions.def"
#undef ACTION
	ACT_COUNT
};

/* What a pane's action handler did: IGNORED actions fall to the global
 * handler.  (A pane that selects another article calls ui_select, which
 * marks the panes that depend on it.) */
#define HANDLED		0x1
#define IGNORED		0x2

/* Pane flags. */
#define PANE_DIRTY	0x1	/* draw again */
#define PANE_RECALC	0x2	/* fetch its rows again, then draw */

enum pane_id {
	PANE_LIST,
	PANE_BODY,
	PANE_CAPTIONS,
	PANE_RELATED,
	PANE_COUNT
};

struct pane;
struct ui;

struct pane_type {
	const char	*name;		/* N_() title */
	void		(*init)(struct pane *);
	void		(*recalc)(struct pane *);
	void		(*draw)(struct pane *);
	int		(*on_action)(struct pane *, enum action);
	/* A click on content row y (0-based). */
	void		(*on_click)(struct pane *, int y);
	void		(*fini)(struct pane *);
};

struct pane {
	const struct pane_type	*type;
	struct ui		*ui;
	WINDOW			*win;		/* NULL while hidden */
	struct rect		 r;
	int			 flags;
	void			*data;
};

struct related_item {
	int64_t	 id;
	double	 score;
	char	*label;
	char	*title;
	char	*source;
	int64_t	 published;
	int64_t	 cluster;	/* 0: in none */
	int64_t	 copies;	/* folded into this row */
};

struct ui {
	struct store	*st;
	struct query_env env;		/* aliases of source:; now is set
					   at each parse */
	struct pane	 pane[PANE_COUNT];
	enum pane_id	 focus;
	struct layout	 lay;
	enum layout_mode mode;
	int		 split;
	enum strip_tab	 tab;
	bool		 ascii;		/* no UTF-8: draw ASCII look-alikes */
	bool		 color;
	bool		 fold;		/* fold duplicate clusters */
	bool		 unfolded_to_show; /* the list unfolded itself to
					   show a duplicate; z clears it */
	int64_t		 folded_from;	/* z moved from this copy */
	int64_t		 folded_to;	/* to its cluster's row */
	bool		 read_cluster;	/* reading marks duplicates read */
	struct ui_scope	 scope;
	struct query	*query;		/* the scope parsed, or NULL */
	const struct settings_view *views;
	size_t		 nviews;
	/* Lists before a search or filter, for Esc. */
	struct ui_place	 prev[16];
	size_t		 nprev;
	/* After n/N moved to another article: scroll its body to its
	 * first (1) or last (-1) hit. */
	int		 hit_pending;
	/* While keys move the list, the other panes wait: they show the
	 * selection once no key came for preview_ms (0: at once), so that
	 * holding j over a slow link sends list lines, not every article
	 * passed (see ui_select). */
	int		 preview_ms;
	bool		 defer_preview;	/* a list movement is being drawn */
	/* While a search or filter is typed, the list follows it but the
	 * article under it is neither shown nor marked read, whatever
	 * preview_ms and whatever redraws the screen (a new size). */
	bool		 hold_preview;
	/* Until the first key, the article the reader opened on is shown
	 * but not marked read (opened_unmarked): a glance and q leave the
	 * cache as it was. */
	bool		 opening;
	int64_t		 opened_unmarked;
	bool		 preview_pending;
	int64_t		 preview_id;
	/* The selected article, loaded once per selection. */
	int64_t		 id;
	struct article	*article;
	struct related_item *related;
	size_t		 nrelated;
	/* Opened related stories, for "back". */
	struct ui_place	 history[64];
	size_t		 nhistory;
	/* Where the list should go on its next recalc (0: stay), or
	 * list_reset: back to the top (a new search or fold). */
	int64_t		 jump_to;
	bool		 list_reset;
	bool		 counts_stale;	/* marks changed since counted */
	bool		 readonly;	/* the cache: marks are not kept */
	char		*message;	/* status message, or NULL */
	char		*pipe_cmd;	/* the last command piped to */
	bool		 no_match;	/* the query matches nothing */
	int64_t		 total, unread;
	/* The articles the query takes, and unread ones among them (-1
	 * until counted); view_stale: to count while no key waits. */
	int64_t		 view_total, view_unread;
	bool		 view_stale;
	int64_t		 data_version;
	int		 refresh_ms;	/* the key wait (set refresh) */
	/* Marks not yet written: another process held the write lock. */
	struct pending_mark {
		int64_t	id;
		bool	star;	/* else the read mark */
		bool	value;
		bool	cluster;
	} pending[256];
	size_t		 npending;
	bool		 quit;
};

struct ui_opts {
	int64_t		 open_id;	/* select this article at start, or 0 */
	enum layout_mode mode;		/* LAYOUT_AUTO: the config decides */
	const char	*config;	/* settings file, NULL: the default */
	query_source_fn	 source;	/* aliases of source:, or NULL */
	void		*source_ctx;
};

/* Run the reader until the user quits.  Returns 0, or -1 with *err when
 * the terminal cannot be set up or the cache fails. */
int ui_run(struct store *st, const struct ui_opts *o, char **err);
/* The signal (SIGINT, SIGTERM, SIGHUP) that ended ui_run, or 0.  The
 * caller closes the cache and then dies of it, so that a shell or a
 * script sees how the reader ended. */
int ui_signal(void);

/* For the panes. */
extern const struct pane_type pane_list_type, pane_body_type,
    pane_captions_type, pane_related_type;

/* Draw s (untrusted text) at row y, column x of w, in exactly width
 * cells: sanitised, made ASCII when the terminal needs it, cut or
 * padded.  The one choke point between article text and the terminal. */
void ui_put(struct ui *ui, WINDOW *w, int y, int x, int width, const char *s,
    attr_t attr);
/* True once the reader must stop waiting for keys: a signal asked it to
 * quit, or its terminal has gone (then every read fails at once, and a
 * loop that retried would spin at full speed forever). */
bool ui_gone(void);
/* True when a word with this key (text_tokens) is one the query looks
 * for, to be highlighted. */
bool ui_is_hit(const struct ui *ui, const char *key, size_t keylen);
/* The terminal has a new size: lay the panes out and draw them again
 * (all but the status line, which the caller owns, as a prompt does). */
void ui_resized(struct ui *ui);
/* Draw the status line (for wnoutrefresh; the caller updates). */
void ui_draw_status(struct ui *ui);
/* Select article id (load it, its related list; mark it read). */
void ui_select(struct ui *ui, int64_t id);
/* wget_wch, safe in a single-byte locale (see ui.c). */
int ui_get_wch(WINDOW *win, wint_t *wc);
/* Wait for the next key in win (a prompt's, the help's): ERR only once
 * ui_gone().  Leaves win's timeout at the refresh interval. */
int ui_wait_key(struct ui *ui, WINDOW *win, wint_t *wc);
/* The action the keymap binds to a key (is_key: a KEY_ code), or
 * ACT_NONE. */
enum action ui_key_action(int code, bool is_key);
/* Set a read (star false) or star mark; when another process is
 * writing, the mark waits in memory and is written later (never a
 * frozen reader, never "database is locked"). */
void ui_mark(struct ui *ui, int64_t id, bool star, bool value, bool cluster);
/* Open related article id: remember the current one for "back". */
void ui_open_related(struct ui *ui, int64_t id);
/* Show a message in the status line until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...);
/* The date and outlet columns of a list row, from column x of a row of
 * width cells: the date when width reaches date_min, the outlet (in
 * source_w cells) when it reaches source_min.  Returns the column after
 * them. */
int ui_put_date_source(struct ui *ui, WINDOW *w, int y, int x, int width,
    int64_t published, const char *source, int date_min, int source_min,
    int source_w, attr_t attr);
/* A row's title from column x of a row of width cells, with "(+N) "
 * before it for the copies a fold put in its row. */
void ui_put_title(struct ui *ui, WINDOW *w, int y, int x, int width,
    int64_t copies, const char *title, attr_t attr);
/* Content rows of a pane (its height less the title bar). */
int ui_rows(const struct pane *p);
/* The next unread article after the selected one: the list pane moves
 * there.  Returns true if there was one. */
bool pane_list_next_unread(struct pane *p);
/* The keys bound to an action now (actions.def's, then the settings'
 * bind and unbind), as people write them, each once ("Enter", not ^J,
 * ^M and KEY_ENTER), space-separated; "" for none.  Caller frees. */
char *ui_bound_keys(enum action a);
/* A key named as actions.def or as people write it ("KEY_DOWN" or
 * "Down", "^F", "x"): its curses code and whether it is a KEY_ code. */
bool ui_key_parse(const char *name, int *code, bool *is_key);

#endif
