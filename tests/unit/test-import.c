/* Unit tests for the plain-text importer (import_text.c) and the import
 * driver (import.c).  Each test names the rule of the importer it guards;
 * the fixtures are fictional articles written for these tests.  The rules
 * (boilerplate, sources, stopwords) are the shipped files in
 * $LEDE_DATADIR, except where a test writes its own to show that the
 * patterns come from the file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "import.h"
#include "store.h"
#include "util.h"

static struct import_rules *rules;
static char warnings[4096];
static size_t nwarnings;

static void
collect(const char *msg, void *ctx)
{
	(void)ctx;
	nwarnings++;
	strncat(warnings, msg, sizeof warnings - strlen(warnings) - 2);
	strcat(warnings, "\n");
}

static int
setup(void **state)
{
	const char *dir = getenv("LEDE_DATADIR");
	char *err = NULL;

	(void)state;
	if (dir == NULL) {
		fprintf(stderr, "LEDE_DATADIR is not set\n");
		return -1;
	}
	if (import_rules_load(dir, NULL, &rules, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	import_rules_free(rules);
	return 0;
}

/* Write n bytes of content to the file name in dir. */
static void
put_file(const char *dir, const char *name, const char *content, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fwrite(content, 1, n, f);
	fclose(f);
	free(path);
}

static void
put_text(const char *dir, const char *name, const char *text)
{
	put_file(dir, name, text, strlen(text));
}

/* Parse text that must be accepted. */
static struct article *
parse(const char *text)
{
	struct article *a = NULL;
	char *err = NULL;

	warnings[0] = '\0';
	nwarnings = 0;
	if (import_text_parse(rules, "fixture.txt", text, strlen(text), &a,
	    collect, NULL, &err) != 0)
		fail_msg("refused: %s", err);
	return a;
}

/* Parse bytes that must be refused; returns the message. */
static char *
refuse(const char *bytes, size_t n)
{
	struct article *a = NULL;
	char *err = NULL;

	assert_int_equal(import_text_parse(rules, "bad.txt", bytes, n, &a,
	    collect, NULL, &err), -1);
	assert_null(a);
	assert_non_null(err);
	return err;
}

static bool
body_has(const struct article *a, const char *s)
{
	return strstr(a->body, s) != NULL;
}

/* Caption i has this text and credit (NULL: none). */
static void
assert_caption(const struct article *a, size_t i, const char *text,
    const char *credit)
{
	assert_true(i < a->ncaptions);
	assert_string_equal(a->captions[i].text, text);
	if (credit == NULL)
		assert_null(a->captions[i].credit);
	else
		assert_string_equal(a->captions[i].credit, credit);
}

/* Rule: empty, blank and binary input is refused with the file and the
 * reason; nothing is returned. */
static void
test_import_refuses_empty_and_binary(void **state)
{
	char *e;

	(void)state;
	e = refuse("", 0);
	assert_non_null(strstr(e, "bad.txt: empty file"));
	free(e);
	e = refuse("   \n\n  \n", 8);
	assert_non_null(strstr(e, "bad.txt"));
	free(e);
	e = refuse("GIF89a\0\0\x01", 9);
	assert_non_null(strstr(e, "bad.txt:1: binary file"));
	assert_non_null(strstr(e, "offset 6"));
	free(e);
	/* The line of the NUL byte, counted like every other line. */
	e = refuse("One line.\nTwo\0", 14);
	assert_non_null(strstr(e, "bad.txt:2: binary file"));
	assert_non_null(strstr(e, "offset 13"));
	free(e);
	/* UTF-16, as Notepad saves "Unicode", either way round: said so,
	 * with what to do, not "binary". */
	e = refuse("\xff\xfeH\0i\0\n\0", 8);
	assert_non_null(strstr(e, "bad.txt:1: UTF-16 text"));
	assert_non_null(strstr(e, "iconv"));
	free(e);
	e = refuse("\xfe\xff\0H\0i", 6);
	assert_non_null(strstr(e, "UTF-16 text"));
	free(e);
	/* Nor is text that shows nothing: zero-width spaces, a joiner,
	 * a lone combining mark (which would make an invisible title). */
	e = refuse("\xe2\x80\x8b\xe2\x80\x8b\n\n\xe2\x80\x8d \xcc\x81\n", 15);
	assert_non_null(strstr(e, "no article text"));
	free(e);
	/* Nothing but boilerplate is not an article either. */
	e = refuse("Skip to main content\nSign up\n", 29);
	assert_non_null(strstr(e, "no article text"));
	free(e);
}

/* Rule: invalid UTF-8 becomes U+FFFD with a warning naming file and
 * line; the article is still imported. */
static void
test_import_invalid_utf8_warns_with_line(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Lead line of the story here.\nSecond \xff paragraph "
	    "of text.\nThird paragraph is fine.\n");
	assert_true(body_has(a, "Second \xEF\xBF\xBD paragraph"));
	assert_int_equal(nwarnings, 1);
	assert_non_null(strstr(warnings, "fixture.txt:2: invalid UTF-8"));
	article_free(a);
}

/* Rule: the date comes from a leading "date YYYY-MM-DD" header that
 * shares its line with text; the header leaves the text. */
static void
test_import_date_header_shares_line(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-03-05 Dockworkers in Port Selva walked out on "
	    "Tuesday. The strike closed the harbour.\n\nUnion leaders said "
	    "talks would resume.\n");
	assert_int_equal(a->published, 1709596800);	/* 2024-03-05 UTC */
	assert_true(strncmp(a->body, "Dockworkers in Port Selva", 25) == 0);
	assert_false(body_has(a, "date 2024"));
	article_free(a);
}

/* Rule: an undated article stays undated, even when a caption or the
 * text mentions a date. */
static void
test_import_undated_stays_undated(void **state)
{
	struct article *a;

	(void)state;
	a = parse("The harbour on March 3, 2024.\n\nThe harbour on March 3, "
	    "2024. (Ines Vale/Harbor Times)\n\nVALDORA - Talks resumed on "
	    "Friday, officials said.\n\nThe date 2024-03-08 was set for a "
	    "vote.\n");
	assert_int_equal(a->published, ARTICLE_UNDATED);
	article_free(a);
}

/* Rule: a well-formed but impossible header date is dropped with a
 * warning, never guessed. */
static void
test_import_impossible_date_warns(void **state)
{
	struct article *a;

	(void)state;
	a = parse("date 2024-02-30 The council met on Monday.\n\nIt voted.\n");
	assert_int_equal(a->published, ARTICLE_UNDATED);
	assert_non_null(strstr(warnings, "fixture.txt:1: impossible date"));
	assert_true(strncmp(a->body, "The council met", 15) == 0);
	article_free(a);
}

/* Rule: a headline (short, no final punctuation) is the title and the
 * following summary is the dek; neither stays in the body. */
static void
test_import_headline_and_dek(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-06-01  Skip to main contentSkip to main content\n"
	    "Flood inquiry names engineers who signed off on dam\n\n"
	    "An independent panel says warnings about the Orrin dam were "
	    "ignored for years\n\n"
	    "LUMEN (MP) — An inquiry into the collapse of the Orrin dam named "
	    "three engineers on Saturday.\n\n"
	    "The panel will report in full next month.\n");
	assert_string_equal(a->title,
	    "Flood inquiry names engineers who signed off on dam");
	assert_string_equal(a->dek, "An independent panel says warnings about "
	    "the Orrin dam were ignored for years");
	assert_true(strncmp(a->body, "An inquiry into the collapse", 28) == 0);
	assert_false(body_has(a, "Skip to main"));
	article_free(a);
}

/* Rule: headlines are found in scripts without case and after an
 * opening quote; a paragraph ending in 。 is a sentence, not a dek. */
static void
test_import_headline_any_script(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2025-07-02 \n"
	    "架空の港町ミナトで大雨、三万人に避難指示\n\n"
	    "ミナト市は二日、大雨のため三万人に避難指示を出した。\n\n"
	    "市によると、川の水位は午前中に危険な高さに達した。\n\n"
	    "気象台は三日まで雨が続くと見ている。\n");
	assert_string_equal(a->title, "架空の港町ミナトで大雨、三万人に避難指示");
	assert_null(a->dek);
	assert_true(strncmp(a->body, "ミナト市は二日", strlen("ミナト市は二日"))
	    == 0);
	article_free(a);

	a = parse("“We will not move,” say Orrin valley farmers\n\n"
	    "LUMEN (MP) — Farmers in the Orrin valley refused on Monday to "
	    "leave land marked for a new reservoir.\n\n"
	    "The council will meet again next week.\n");
	assert_string_equal(a->title,
	    "“We will not move,” say Orrin valley farmers");
	assert_string_equal(a->dateline, "LUMEN");
	article_free(a);

	/* Without a headline, the lead sentence ends at 。. */
	a = parse("ミナト市は二日、大雨のため三万人に避難指示を出した。川の水位"
	    "は危険な高さに達した。\n");
	assert_string_equal(a->title,
	    "ミナト市は二日、大雨のため三万人に避難指示を出した。");
	article_free(a);
}

/* Rule: without a headline the title is the lead sentence, cut at a word
 * boundary; abbreviations do not end the sentence. */
static void
test_import_title_from_lead_sentence(void **state)
{
	struct article *a;

	(void)state;
	a = parse("The U.S. envoy met Gen. Arlo Finch in Valdora on Monday. "
	    "Later they spoke to reporters.\n\nMore text follows here.\n");
	assert_string_equal(a->title,
	    "The U.S. envoy met Gen. Arlo Finch in Valdora on Monday.");
	article_free(a);
	a = parse("Officials in the northern province of Castellane said on "
	    "Thursday that the reservoir had risen faster than at any time "
	    "since records began, forcing the evacuation of four villages.\n"
	    "\nSecond paragraph.\n");
	assert_true(strlen(a->title) < strlen("Officials in the northern "
	    "province of Castellane said on Thursday that the reservoir had "
	    "risen faster than at any time since records began"));
	assert_non_null(strstr(a->title, "…"));
	/* Cut at a word boundary: the character before … ends a word. */
	assert_non_null(strstr(a->title, " the reservoir"));
	assert_null(strstr(a->title, " …"));
	article_free(a);
}

/* Rule: "By NAMES – Outlet" is the byline (names only); the outlet is a
 * clue for the source. */
static void
test_import_byline(void **state)
{
	struct article *a;

	(void)state;
	a = parse("\nBy MARA OSTEN and TOMAS REI – Meridian Press\n"
	    "LUMEN (MP) — The central bank raised its main rate on Thursday.\n"
	    "The currency fell.\n");
	assert_string_equal(a->byline, "MARA OSTEN and TOMAS REI");
	assert_string_equal(a->source, "Meridian Press");
	assert_false(body_has(a, "By MARA"));
	article_free(a);
}

/* Rule: datelines "CITY (CODE) —" and "CITY -" and "CITY, Region —"
 * leave the first paragraph; the place is kept. */
static void
test_import_datelines(void **state)
{
	struct article *a;

	(void)state;
	a = parse("VALDORA (MP) — The port reopened on Friday.\n\nMore.\n");
	assert_string_equal(a->dateline, "VALDORA");
	assert_true(strncmp(a->body, "The port reopened", 17) == 0);
	article_free(a);
	a = parse("PORT SELVA - Crane operators returned to work.\n\nMore.\n");
	assert_string_equal(a->dateline, "PORT SELVA");
	assert_true(strncmp(a->body, "Crane operators", 15) == 0);
	article_free(a);
	a = parse("LUMEN, Castellane — Water levels fell overnight.\n\nMore.\n");
	assert_string_equal(a->dateline, "LUMEN, Castellane");
	article_free(a);
	/* Mixed case before a dash is a sentence, not a dateline. */
	a = parse("Talks - which began in May - have stalled.\n\nMore.\n");
	assert_null(a->dateline);
	assert_true(strncmp(a->body, "Talks - which", 13) == 0);
	article_free(a);
	/* An upper-case acronym starting a sentence with a hyphenated word. */
	a = parse("NATO-led talks resumed on Monday.\n\nMore.\n");
	assert_null(a->dateline);
	article_free(a);
}

/* Rule: "Caption TEXT Credit: WHO" paragraphs become captions with their
 * credit and leave the body; the trailing agency credit leaves the
 * caption text. */
static void
test_import_caption_credit_paragraphs(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-03-05 Dockworkers walked out on Tuesday.\n\n"
	    "The strike closed the harbour.\n\n"
	    "Caption Pickets at the north gate of Port Selva, Tuesday, March 5, "
	    "2024. (MP Photo/Ines Vale) Credit: Ines Vale\n\n"
	    "Caption A crane stands idle. (Harbour Authority via MP) Credit: "
	    "Uncredited\n\n"
	    "Caption Union leader Dara Quill speaks. Credit: Tomas Rei\n");
	assert_int_equal(a->ncaptions, 3);
	assert_caption(a, 0, "Pickets at the north gate of "
	    "Port Selva, Tuesday, March 5, 2024.", "Ines Vale");
	/* "Uncredited": the agency credit is the better one. */
	assert_string_equal(a->captions[1].credit, "Harbour Authority via MP");
	assert_string_equal(a->captions[2].credit, "Tomas Rei");
	assert_false(body_has(a, "Caption"));
	assert_false(body_has(a, "Pickets"));
	article_free(a);
}

/* Rule: a "Caption" paragraph without text is no caption but still
 * leaves the body.  Regression: "Caption Credit: X", where the space of
 * "Caption " also starts " Credit:", made the text length -1 (found by
 * tests/fuzz/fuzz-import). */
static void
test_import_caption_without_text(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Caption Credit: Ines Vale\n\n"
	    "The port reopened on Monday after the strike.\n");
	assert_int_equal(a->ncaptions, 0);
	assert_false(body_has(a, "Credit"));
	assert_string_equal(a->body, "The port reopened on Monday after the "
	    "strike.");
	article_free(a);
}

/* Rule: a photo caption with a parenthesised credit leaves the body; its
 * uncredited twin is dropped and the caption is stored once. */
static void
test_import_parenthesised_caption_once(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Support our mission\nThe old lighthouse at Cape Orrin.\n\n"
	    "The old lighthouse at Cape Orrin. (Ines Vale/Harbor Times)\n\n"
	    "CAPE ORRIN - The lighthouse will close, the council said.\n\n"
	    "Keepers have lived there since 1871 (see the archive).\n");
	assert_int_equal(a->ncaptions, 1);
	assert_caption(a, 0, "The old lighthouse at Cape Orrin.",
	    "Ines Vale/Harbor Times");
	assert_false(body_has(a, "old lighthouse at Cape Orrin"));
	/* An ordinary parenthesis at a paragraph's end is not a credit. */
	assert_true(body_has(a, "(see the archive)."));
	assert_false(body_has(a, "Support our mission"));
	article_free(a);
}

/* Rule: navigation, promotion, newsletter and copyright boilerplate from
 * data/boilerplate, and separator lines, leave the body. */
static void
test_import_boilerplate_removed(void **state)
{
	static const char *const junk[] = { "Skip to main content",
	    "Support our mission", "People also read", "Sign up",
	    "Sign Up for Daily Headlines", "Sign-up to receive",
	    "Stripes in 7", "around the web", "All rights reserved", "___" };
	struct article *a;
	size_t i;

	(void)state;
	a = parse("Skip to main contentSkip to main content\n"
	    "Support our mission\n"
	    "VALDORA (MP) — The recount began on Monday.\n"
	    "People also read…\n"
	    "Officials said it would take a week.\n"
	    "___\n"
	    "Sign up\n"
	    "Meridian Press writer Ana Lind contributed to this report.\n"
	    "Stripes in 7\n"
	    "around the web\n"
	    "Sign Up for Daily Headlines\n"
	    "Sign-up to receive a daily email of today’s top stories from "
	    "around the world.\n"
	    "Copyright 2024 Meridian Press. All rights reserved. This material "
	    "may not be published, broadcast, rewritten or redistributed "
	    "without permission.\n");
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++)
		if (body_has(a, junk[i]))
			fail_msg("body still has \"%s\":\n%s", junk[i], a->body);
	assert_string_equal(a->body, "The recount began on Monday.\n\n"
	    "Officials said it would take a week.\n\n"
	    "Meridian Press writer Ana Lind contributed to this report.");
	article_free(a);
}

/* Rule: boilerplate patterns come from the rules file, not from code: a
 * line is dropped only when a pattern in the file matches it, and a bad
 * pattern is reported with file and line. */
static void
test_import_boilerplate_from_file(void **state)
{
	char dir[] = "/tmp/lede-rules-XXXXXX", *path, *err = NULL;
	struct import_rules *mine = NULL;
	struct article *a = NULL;
	const char *text = "Buy our mugs today\nThe ferry sailed at dawn.\n"
	    "Skip to main content\n";

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_text(dir, "boilerplate", "# mine\nBuy our [a-z]+ today\n");
	assert_int_equal(import_rules_load(dir, NULL, &mine, &err), 0);
	assert_int_equal(import_text_parse(mine, "x.txt", text, strlen(text),
	    &a, NULL, NULL, &err), 0);
	assert_string_equal(a->body, "The ferry sailed at dawn.\n\n"
	    "Skip to main content");
	article_free(a);
	import_rules_free(mine);
	put_text(dir, "boilerplate", "# comment\n\nok pattern\nbroken "
	    "(pattern\n");
	assert_int_equal(import_rules_load(dir, NULL, &mine, &err), -1);
	assert_non_null(strstr(err, "/boilerplate:4: bad pattern"));
	free(err);
	path = xasprintf("%s/boilerplate", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* Rule: the month names file is optional, and a line naming a language
 * but no month is reported with file and line. */
static void
test_import_months_file(void **state)
{
	char dir[] = "/tmp/lede-rules-XXXXXX", *err = NULL, *cmd;
	struct import_rules *mine = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_text(dir, "boilerplate", "");
	put_text(dir, "months", "# months\nen january february march\n");
	if (import_rules_load(dir, NULL, &mine, &err) != 0)
		fail_msg("%s", err);
	import_rules_free(mine);
	mine = NULL;
	put_text(dir, "months", "en january february\nen\n");
	assert_int_equal(import_rules_load(dir, NULL, &mine, &err), -1);
	assert_null(mine);
	assert_non_null(strstr(err, "/months:2: expected a language code and "
	    "month names"));
	free(err);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Rule: paragraphs are separated by blank lines or single newlines;
 * subheads stay their own paragraphs; contributor lines stay at the end. */
static void
test_import_paragraph_forms(void **state)
{
	struct article *a;

	(void)state;
	a = parse("First paragraph ends here.\nSecond paragraph, single "
	    "newline.\n\nThird after a blank line.\nA subhead without a stop\n"
	    "Fourth paragraph.\nAna Lind contributed to this report.\n");
	assert_int_equal(article_paragraphs(a), 6);
	assert_true(body_has(a, "\n\nA subhead without a stop\n\n"));
	assert_true(strstr(a->body, "Ana Lind contributed to this report.") +
	    strlen("Ana Lind contributed to this report.") ==
	    a->body + strlen(a->body));
	article_free(a);
}

/* Rule: in a hard-wrapped file (no long lines) a block's wrapped lines
 * join into one paragraph; in scraped files they never do. */
static void
test_import_hard_wrapped_blocks_join(void **state)
{
	struct article *a;

	(void)state;
	a = parse("The ferry company said on Monday that services to the\n"
	    "outer islands would resume next week after repairs to\n"
	    "the landing stage.\n\nA second, short paragraph.\n");
	assert_int_equal(article_paragraphs(a), 2);
	assert_true(body_has(a, "to the outer islands would resume"));
	article_free(a);
}

/* Rule: a wrapped line runs on when the next line's first word would
 * not have fit on it, whatever its case: German, whose nouns are
 * capitalised, and English lines that start with a name or a number.
 * A long headline line is left whole, and a dek over a byline is not
 * joined. */
static void
test_import_hard_wrapped_by_width(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Stadtrat beschließt neue Straßenbahnlinie für die "
	    "nördlichen Vororte der Stadt\n\n"
	    "Der Stadtrat hat am Donnerstag mit großer Mehrheit eine neue\n"
	    "Straßenbahnlinie beschlossen, die ab dem Jahr 2028 die nördlichen\n"
	    "Vororte mit der Altstadt verbinden soll. Die Kosten werden auf\n"
	    "rund 310 Millionen Franken geschätzt.\n\n"
	    "Die Verwaltung will die Pläne im Frühjahr öffentlich auflegen.\n");
	assert_null(a->dek);
	assert_true(body_has(a, "eine neue Straßenbahnlinie beschlossen"));
	assert_true(body_has(a, "die nördlichen Vororte mit"));
	assert_true(body_has(a, "Die Verwaltung will"));
	article_free(a);
	/* Two lines: the second ends the sentence. */
	a = parse("Harbour board approves a ferry terminal\n\n"
	    "The harbour board approved a new ferry terminal on Thursday, and\n"
	    "its chairman said that the terminal would open in the spring of\n"
	    "2028 and carry 4,000 passengers a day.\n\n"
	    "About 60 staff from the port authority were at the meeting on\n"
	    "Tuesday.\n");
	assert_true(body_has(a, "in the spring of 2028 and carry"));
	assert_true(body_has(a, "meeting on Tuesday."));
	article_free(a);
	/* A long dek over a byline stays two lines. */
	a = parse("Harbour board approves a ferry terminal\n\n"
	    "A new terminal for the north shore is to open in 2028, the board\n"
	    "By Ann Lee, Harbour Correspondent\n\n"
	    "The harbour board approved a new ferry terminal on Thursday.\n");
	assert_null(strstr(a->body, "the board By Ann"));
	assert_null(a->dek != NULL ? strstr(a->dek, "By Ann") : NULL);
	article_free(a);
}

/* Rule: the outlet is read from the text: dateline code, copyright line,
 * possessive in a contributor line, and canonicalised through
 * data/sources. */
static void
test_import_outlet_clues(void **state)
{
	struct article *a;

	(void)state;
	a = parse("MOSCOW (AP) — A statement was issued.\n\nMore text.\n");
	assert_string_equal(a->source, "Associated Press");
	article_free(a);
	a = parse("A statement was issued.\n\nCopyright 2024 The Associated "
	    "Press. All rights reserved.\n");
	assert_string_equal(a->source, "Associated Press");
	article_free(a);
	a = parse("A statement was issued.\n\nThe Northern Courier’s Ana Lind "
	    "in Lumen contributed to this report.\n");
	assert_string_equal(a->source, "The Northern Courier");
	article_free(a);
	a = parse("A statement was issued.\n\nCopyright (c) 2024 Valdora "
	    "Daily Media.\n");
	assert_string_equal(a->source, "Valdora Daily");	/* an alias */
	assert_string_equal(a->body, "A statement was issued.");
	article_free(a);
	a = parse("A statement was issued.\n\nNo outlet is named here.\n");
	assert_null(a->source);
	article_free(a);
}

/* Rule: bylines and datelines in other languages' forms: "Von"/"Par"
 * bylines, "© Outlet 2024" notices, the Japanese 【place＝agency】
 * dateline, and the plural possessive "The Harbor Times’ …". */
static void
test_import_foreign_forms(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Von KATHARINA WEIDLICH – Hansa-Rundschau\nPORT SELVA – Die "
	    "Kräne laufen wieder.\n");
	assert_string_equal(a->byline, "KATHARINA WEIDLICH");
	assert_string_equal(a->source, "Hansa-Rundschau");
	assert_string_equal(a->dateline, "PORT SELVA");
	article_free(a);
	a = parse("Le port a rouvert lundi.\n\n© Le Courrier de l’Estuaire "
	    "2024\n");
	assert_string_equal(a->source, "Le Courrier de l’Estuaire");
	assert_string_equal(a->body, "Le port a rouvert lundi.");
	article_free(a);
	a = parse("【ブレンムーア＝東和通信】川の水位が下がった。\n");
	assert_string_equal(a->dateline, "ブレンムーア");
	assert_string_equal(a->source, "東和通信");
	assert_string_equal(a->body, "川の水位が下がった。");
	article_free(a);
	/* With nothing after it, it is the text (the fuzzer found an
	 * empty body and title). */
	a = parse("【ブレンムーア＝東和通信】\n");
	assert_null(a->dateline);
	assert_string_equal(a->body, "【ブレンムーア＝東和通信】");
	assert_string_equal(a->title, "【ブレンムーア＝東和通信】");
	article_free(a);
	a = parse("The ferry sank.\n\nThe Harbor Times’ Mira Soll contributed "
	    "to this report.\n");
	assert_string_equal(a->source, "The Harbor Times");
	article_free(a);
}

/* Rule: the wire's own forms: a date before the code with no place
 * ("Oct 24 (Reuters) -"), a role after the byline's comma, which is no
 * outlet, and the sign-off "(Reporting by ...; Editing by ...)", which
 * leaves the body (its names are no facts of the story); a "Support
 * independent journalism" banner is no headline. */
static void
test_import_wire_forms(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-10-24 Orvane Foods cuts its forecast\n\n"
	    "By Ines Varga\n\nOct 24 (Reuters) - Orvane Foods cut its "
	    "forecast on Thursday.\n\nIts shares fell 6%.\n\n(Reporting "
	    "by Ines Varga in Selva; Editing by Tom Reddle)\n");
	assert_string_equal(a->title, "Orvane Foods cuts its forecast");
	assert_string_equal(a->source, "Reuters");
	assert_null(a->dateline);
	assert_null(a->dek);
	assert_string_equal(a->body, "Orvane Foods cut its forecast on "
	    "Thursday.\n\nIts shares fell 6%.");
	article_free(a);
	a = parse("Comet seen over Selva\n\nBy Helen Varrow, Science "
	    "Correspondent\n\nAstronomers saw the comet on Monday.\n\n"
	    "It will return in 2061.\n");
	assert_string_equal(a->byline, "Helen Varrow, Science Correspondent");
	assert_null(a->source);
	article_free(a);
	/* Bylines as sites write them: a bar before the outlet, an
	 * address, "the" before the agency. */
	a = parse("Comet seen over Selva\n\nBy Helen Varrow | Harbor Times"
	    "\n\nAstronomers saw the comet on Monday.\n\nIt will return "
	    "in 2061.\n");
	assert_string_equal(a->byline, "Helen Varrow");
	assert_string_equal(a->source, "Harbor Times");
	article_free(a);
	a = parse("Comet seen over Selva\n\nBy Helen Varrow "
	    "hvarrow@harbortimes.example\n\nAstronomers saw the comet on "
	    "Monday.\n\nIt will return in 2061.\n");
	assert_string_equal(a->byline, "Helen Varrow "
	    "hvarrow@harbortimes.example");
	article_free(a);
	a = parse("Comet seen over Selva\n\nBy the Meridian Press\n\n"
	    "Astronomers saw the comet on Monday.\n\nIt will return in "
	    "2061.\n");
	assert_string_equal(a->byline, "the Meridian Press");
	article_free(a);
	a = parse("Support independent journalism\nFerry line closes\n\n"
	    "The last ferry to Orrin sailed on Sunday.\n\nIt had run since "
	    "1952.\n");
	assert_string_equal(a->title, "Ferry line closes");
	assert_string_equal(a->body, "The last ferry to Orrin sailed on "
	    "Sunday.\n\nIt had run since 1952.");
	article_free(a);
}

/* Rule: a short paragraph under a "Photo: " label, in any language lede
 * knows, is a caption; a closing parenthesis that starts with a name is
 * its credit, "(left)" is not; a sentence about photos stays. */
static void
test_import_caption_labels(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-05-14 Scossa a Valfonda\n\n"
	    "Una scossa ha colpito Valfonda nella notte.\n\n"
	    "Foto: la chiesa di San Rocco dopo il crollo (Gazzetta di "
	    "Orvale)\n\n"
	    "Photo: Crews clear the road (left) and the square (right)\n\n"
	    "صورة: مياه السيول تغمر السوق القديم\n\n"
	    "Photos of the square were shared by residents.\n");
	assert_int_equal(a->ncaptions, 3);
	assert_caption(a, 0, "la chiesa di San Rocco dopo il crollo",
	    "Gazzetta di Orvale");
	assert_caption(a, 1, "Crews clear the road (left) "
	    "and the square (right)", NULL);
	assert_string_equal(a->captions[2].text, "مياه السيول تغمر السوق "
	    "القديم");
	assert_false(body_has(a, "Foto:"));
	assert_false(body_has(a, "صورة"));
	assert_true(body_has(a, "Photos of the square were shared"));
	article_free(a);
}

/* Rule: under a label, a credit alone ("Foto: dpa", "Photo: Jane
 * Roe/Reuters", "Photo: (Reuters)") is no caption: it credits the
 * caption just above, if that has none, and leaves the body; a party and
 * state "(D-Ore.)" is no credit; the full-width "（…）" is; a bare label
 * leaves the body. */
static void
test_import_caption_label_credits(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-05-14 Ferry service resumes\n\n"
	    "The ferry to Orrin sailed again on Monday.\n\n"
	    "Photo: The ferry leaves the north pier\n\n"
	    "Foto: Jane Roe/Meridian Press\n\n"
	    "Pictured: Sen. Maria Ellison (D-Ore.)\n\n"
	    "Photo: (Harbor Times)\n\n"
	    "Photo: dpa\n\n"
	    "写真：北埠頭に着いた船（東和通信）\n\n"
	    "Photo:\n\n"
	    "Crews had worked through the night.\n");
	assert_int_equal(a->ncaptions, 3);
	assert_caption(a, 0, "The ferry leaves the north pier",
	    "Jane Roe/Meridian Press");
	assert_caption(a, 1, "Sen. Maria Ellison (D-Ore.)", "Harbor Times");
	assert_caption(a, 2, "北埠頭に着いた船", "東和通信");
	assert_string_equal(a->body, "The ferry to Orrin sailed again on "
	    "Monday.\n\nCrews had worked through the night.");
	article_free(a);
	/* An unclosed parenthesis is kept whole: cutting the last byte as
	 * if it were ")" broke the UTF-8 of the credit (found by
	 * tests/fuzz/fuzz-import). */
	a = parse("The ferry to Orrin sailed again on Monday.\n\n"
	    "Foto: A balsa deixa o cais norte\n\n"
	    "Foto: (Ana Lima/Rádio Sé\n");
	assert_int_equal(a->ncaptions, 1);
	assert_string_equal(a->captions[0].credit, "(Ana Lima/Rádio Sé");
	article_free(a);
}

/* A headline that a byline follows is one, whatever its shape: a
 * question, a brand written in lower case.  Limits count characters,
 * so a Hindi headline of 92 letters and 242 bytes is one too. */
static void
test_import_headline_shapes(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2025-06-04 Is the Tarrow crane safe?\n\n"
	    "By Jo Bloggs \xe2\x80\x93 The Northern Courier\n\n"
	    "TARROW \xe2\x80\x94 Three people were hurt when a crane fell at "
	    "the port on Monday.\n\nThe crane was inspected in March.\n");
	assert_string_equal(a->title, "Is the Tarrow crane safe?");
	assert_string_equal(a->byline, "Jo Bloggs");
	assert_string_equal(a->source, "The Northern Courier");
	assert_string_equal(a->dateline, "TARROW");
	assert_true(strncmp(a->body, "Three people were hurt", 22) == 0);
	article_free(a);
	a = parse(" date 2025-06-05 iPhone maker opens plant near Tarrow\n\n"
	    "By Jo Bloggs \xe2\x80\x93 The Northern Courier\n\n"
	    "The plant will employ 400 people, the company said.\n\n"
	    "Building starts in May.\n");
	assert_string_equal(a->title, "iPhone maker opens plant near Tarrow");
	assert_string_equal(a->byline, "Jo Bloggs");
	assert_false(body_has(a, "iPhone maker"));
	article_free(a);
	/* A question with no byline after it may be the lead: it stays. */
	a = parse(" date 2025-06-04 Is the Tarrow crane safe? Three people "
	    "were hurt when it fell on Monday.\n\nThe crane was inspected "
	    "in March.\n\nThe port stays open.\n");
	assert_true(body_has(a, "Is the Tarrow crane safe?"));
	article_free(a);
	a = parse(" date 2025-08-02 पोर्ट सेल्वा "
	    "में बंदरगाह कर्मचारियों की हड़ताल तीसरे दिन भी जारी, सरकार ने "
	    "बातचीत की अपील की\n\n"
	    "पोर्ट सेल्वा — बंदरगाह कर्मचारियों की हड़ताल गुरुवार को तीसरे दिन "
	    "भी जारी रही, यूनियन ने कहा।\n\nबातचीत सोमवार को होगी।\n\n"
	    "बंदरगाह बंद है।\n");
	assert_true(strlen(a->title) > 200);
	assert_true(strncmp(a->title, "पोर्ट सेल्वा में बंदरगाह", 20) == 0);
	assert_false(body_has(a, "अपील की"));
	article_free(a);
}

/* Rule: a standfirst written as sentences and then a byline: the
 * standfirst is the dek and the byline leaves the body, so the lead
 * keeps its dateline.  "By" in Arabic ("بقلم:", "كتب:") is a byline
 * too. */
static void
test_import_byline_after_standfirst(void **state)
{
	struct article *a;

	(void)state;
	a = parse(" date 2024-05-14 Terremoto a Valfonda, dodici feriti\n\n"
	    "La scossa alle 3.47. Oltre trecento persone fuori casa.\n\n"
	    "Di Marco Ferretti\n\n"
	    "VALFONDA – Una scossa di magnitudo 5,1 ha colpito la valle.\n\n"
	    "Non risultano vittime.\n");
	assert_string_equal(a->title, "Terremoto a Valfonda, dodici feriti");
	assert_string_equal(a->dek, "La scossa alle 3.47. Oltre trecento "
	    "persone fuori casa.");
	assert_string_equal(a->byline, "Marco Ferretti");
	assert_string_equal(a->dateline, "VALFONDA");
	assert_true(strncmp(a->body, "Una scossa di magnitudo", 23) == 0);
	article_free(a);
	/* Without a byline after it, the first paragraph is the lead. */
	a = parse(" date 2024-05-14 Terremoto a Valfonda, dodici feriti\n\n"
	    "La scossa alle 3.47. Oltre trecento persone fuori casa.\n\n"
	    "Non risultano vittime.\n\nLe scuole restano chiuse.\n");
	assert_null(a->dek);
	assert_true(strncmp(a->body, "La scossa alle 3.47.", 20) == 0);
	article_free(a);
	/* A sentence that opens with "By", "Di", "Von" is no byline. */
	a = parse(" date 2024-05-14 Ferry row deepens\n\n"
	    "The ferry operator cancelled every crossing.\n\n"
	    "By Friday, the county executive called the response \"a "
	    "disgrace.\"\n\nTalks resume on Monday.\n");
	assert_null(a->byline);
	assert_null(a->dek);
	assert_true(body_has(a, "By Friday, the county executive"));
	article_free(a);
	a = parse(" date 2024-05-14 Lo sciopero continua\n\n"
	    "I sindacati hanno respinto la proposta dell'azienda.\n\n"
	    "Di Maio ha poi aggiunto: «Non arretreremo di un passo»\n\n"
	    "La trattativa riprende lunedì.\n");
	assert_null(a->byline);
	assert_true(body_has(a, "Di Maio ha poi aggiunto"));
	article_free(a);
	/* A lead that a dateline opens is no standfirst. */
	a = parse(" date 2024-05-14 Senate passes the ferry bill\n\n"
	    "LUMEN (MP) — The Senate passed the ferry bill on Monday.\n\n"
	    "By Jane Roe\n\nThe vote was 61 to 39.\n");
	assert_null(a->dek);
	assert_string_equal(a->dateline, "LUMEN");
	assert_string_equal(a->source, "Meridian Press");
	article_free(a);
	a = parse("سيول في وادي الريحان\n\nبقلم: سامر الحداد\n\n"
	    "وادي الريحان – لقي أربعة أشخاص حتفهم في السيول.\n\n"
	    "وأغلقت المدارس.\n");
	assert_string_equal(a->byline, "سامر الحداد");
	assert_string_equal(a->dateline, "وادي الريحان");
	assert_false(body_has(a, "بقلم"));
	article_free(a);
	a = parse("سيول في وادي الريحان\n\nبقلم سامي الخوري\n\n"
	    "لقي أربعة أشخاص حتفهم في السيول.\n\nوأغلقت المدارس.\n");
	assert_string_equal(a->byline, "سامي الخوري");
	article_free(a);
}

/* Rule: in a Portuguese or Italian article a dateline code of two
 * capitals names a state or province ("(MG)", "(BG)", even "(AP)"): it
 * stays in the dateline and is no outlet; elsewhere it is the outlet,
 * spelled as data/sources says ("(AA)", "(PA)") or as written ("(KW)"). */
static void
test_import_region_code_in_dateline(void **state)
{
	struct article *a;

	(void)state;
	a = parse("SÃO JOAQUIM (MG) – Um temporal que atingiu a cidade entre a "
	    "noite de domingo e a madrugada desta segunda-feira deixou três "
	    "mortos e cerca de mil pessoas desalojadas.\n\nSegundo a Defesa "
	    "Civil, choveu em seis horas o que era esperado para todo o mês, "
	    "e as aulas foram suspensas na rede municipal.\n");
	assert_string_equal(a->language, "pt");
	assert_string_equal(a->dateline, "SÃO JOAQUIM (MG)");
	assert_null(a->source);
	assert_true(strncmp(a->body, "Um temporal", 11) == 0);
	article_free(a);
	a = parse("MACAPÁ (AP) – A chuva que caiu durante a noite alagou as ruas "
	    "do centro e deixou os moradores sem luz por mais de seis horas, "
	    "segundo a companhia de energia.\n\nA prefeitura disse que as "
	    "equipes estão nas ruas desde a madrugada.\n");
	assert_string_equal(a->dateline, "MACAPÁ (AP)");
	assert_null(a->source);
	article_free(a);
	a = parse("BERGAMO (BG) – Un incendio è scoppiato nella notte in un "
	    "capannone della zona industriale e i vigili del fuoco hanno "
	    "lavorato fino all'alba per spegnere le fiamme.\n\nNon ci sono "
	    "feriti, ma la strada provinciale è rimasta chiusa per ore.\n");
	assert_string_equal(a->dateline, "BERGAMO (BG)");
	assert_null(a->source);
	article_free(a);
	a = parse("LONDON (PA) — The ferry strike ended on Monday after the "
	    "union accepted the offer.\n\nServices resume on Tuesday.\n");
	assert_string_equal(a->dateline, "LONDON");
	assert_string_equal(a->source, "PA Media");
	article_free(a);
	/* A state and then an agency: the first stays, the second is the
	 * outlet, in any language. */
	a = parse("BRASÍLIA (DF) (Reuters) – O banco central manteve a taxa de "
	    "juros.\n\nMais.\n");
	assert_string_equal(a->dateline, "BRASÍLIA (DF)");
	assert_string_equal(a->source, "Reuters");
	assert_true(strncmp(a->body, "O banco central", 15) == 0);
	article_free(a);
	a = parse("SİVAS (AA) - Akçaören ilçesinde deprem oldu.\n\nHasar "
	    "yok.\n");
	assert_string_equal(a->dateline, "SİVAS");
	assert_string_equal(a->source, "Anadolu Agency");
	article_free(a);
	a = parse("ORRIN (KW) — The ferry resumed service.\n\nMore.\n");
	assert_string_equal(a->dateline, "ORRIN");
	assert_string_equal(a->source, "KW");
	article_free(a);
}

/* Rule: newsletter and channel promotions in the shipped languages leave
 * the body; news sentences that open with the same verbs stay. */
static void
test_import_foreign_promotions(void **state)
{
	static const char *const promos[] = {
		"Zapisz się na nasz newsletter i otrzymuj informacje z regionu",
		"Blijf op de hoogte en meld je aan voor onze nieuwsbrief.",
		"Receba as notícias do Jornal da Serra no seu celular",
		"Subscreva a nossa newsletter diária",
		"Подписывайтесь на наш канал, чтобы первыми узнавать новости",
		"Подпишитесь на наш телеграм-канал, чтобы быть в курсе",
		"Haber bültenimize abone olun.",
		"اشترك في نشرتنا البريدية لتصلك أهم الأخبار",
	};
	/* Sentences that start as promotions do, which are news. */
	static const char *const news[] = {
		"Receba notícias sobre a eleição com desconfiança, orienta o "
		    "tribunal eleitoral",
		"Lees meer voor aan je kinderen, adviseert de Onderwijsraad",
		"Подписывайтесь на нашу петицию, призывают жители",
		"اشترك في النشرة الإخبارية المسائية عدد من الصحفيين",
	};
	char text[512];
	struct article *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof news / sizeof news[0]; i++) {
		snprintf(text, sizeof text, "The port reopened.\n\n%s\n\n"
		    "Ships came in.\n", news[i]);
		a = parse(text);
		if (!body_has(a, news[i]))
			fail_msg("dropped \"%s\": %s", news[i], a->body);
		article_free(a);
	}
	for (i = 0; i < sizeof promos / sizeof promos[0]; i++) {
		snprintf(text, sizeof text, "The port reopened.\n\n%s\n\n"
		    "Ships came in.\n", promos[i]);
		a = parse(text);
		if (strcmp(a->body, "The port reopened.\n\nShips came in.") !=
		    0)
			fail_msg("kept \"%s\": %s", promos[i], a->body);
		article_free(a);
	}
}

/* Rule: control and escape sequences never reach the stored text; CR LF
 * line ends are accepted. */
static void
test_import_strips_controls(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Title \x1b]0;owned\a here is a lead.\r\n\r\nBody \x1b[31mred"
	    "\x1b[0m text.\r\n");
	assert_null(strchr(a->title, 0x1b));
	assert_null(strchr(a->body, 0x1b));
	assert_null(strchr(a->body, '\r'));
	assert_true(body_has(a, "Body red text."));
	article_free(a);
}

/* Rule: text is stored NFC-normalised. */
static void
test_import_normalises_nfc(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Zu\xcc\x88rich voted on Sunday.\n\nMore.\n");
	assert_true(body_has(a, "Zürich voted"));
	article_free(a);
}

/* Rule: the language is detected from stopwords, or from the script. */
static void
test_import_detects_language(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Die Hafenarbeiter in Port Selva haben am Dienstag die Arbeit "
	    "niedergelegt. Der Streik wird nach Angaben der Gewerkschaft "
	    "mindestens bis zum Wochenende dauern, und die Schiffe warten "
	    "vor dem Hafen.\n");
	assert_string_equal(a->language, "de");
	article_free(a);
	a = parse("The dockworkers in Port Selva stopped work on Tuesday and "
	    "said that the strike would last until the weekend, with ships "
	    "waiting off the harbour.\n");
	assert_string_equal(a->language, "en");
	article_free(a);
	a = parse("港湾労働者が火曜日にストライキを始めた。船は沖で待機している。\n");
	assert_string_equal(a->language, "ja");
	article_free(a);
}

/* Rule: every shipped stopword list detects its language, and English
 * stays English among eleven lists (each language's words in a short
 * report of the same fictional strike). */
static void
test_import_detects_shipped_languages(void **state)
{
	static const struct {
		const char *lang, *text;
	} cases[] = {
		{ "en", "A former official at the port of Selva was fined on "
		    "Tuesday for tipping friends about a pending sale, and "
		    "the court said he had made a profit of two million in "
		    "the deal with them.\n" },
		{ "it", "I portuali di Port Selva sono in sciopero da martedì "
		    "e il sindacato dice che la protesta non finirà prima "
		    "della settimana prossima, mentre le navi aspettano al "
		    "largo del porto.\n" },
		{ "pt", "Os estivadores de Port Selva estão em greve desde "
		    "terça e o sindicato diz que a paralisação não vai "
		    "terminar antes da próxima semana, enquanto os navios "
		    "esperam ao largo do porto.\n" },
		{ "nl", "De havenarbeiders van Port Selva staken sinds dinsdag "
		    "en de bond zegt dat het protest niet voor volgende week "
		    "zal eindigen, terwijl de schepen voor de haven op een "
		    "plek wachten.\n" },
		{ "pl", "Dokerzy w Port Selva strajkują od wtorku, a związek "
		    "mówi, że protest nie skończy się przed przyszłym "
		    "tygodniem, gdy statki czekają na redzie przed portem i "
		    "nie mogą wejść do niego.\n" },
		{ "ru", "Докеры в Порт-Сельве бастуют со вторника, и профсоюз "
		    "говорит, что забастовка не закончится до следующей "
		    "недели, а суда ждут на рейде у порта и не могут войти "
		    "в него.\n" },
	};
	struct article *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		a = parse(cases[i].text);
		assert_non_null(a->language);
		assert_string_equal(a->language, cases[i].lang);
		article_free(a);
	}
}

/* Rule: the language is judged on more than the opening: a lead packed
 * with names and numbers (few stopwords in its first 400 bytes) still
 * gives the text's language. */
static void
test_import_language_past_a_dense_lead(void **state)
{
	struct article *a;

	(void)state;
	a = parse("Otomotiv yan sanayi devlerinden Demirtaş Otomotiv'in "
	    "Yeniköprü, Orhangazi ve Kestelkaya fabrikalarında 2.400 "
	    "işçi, Birleşik Metal-İş Sendikası'nın kararıyla 08.00 "
	    "itibarıyla üretimi durdurdu. Demirtaş Otomotiv Yönetim "
	    "Kurulu Başkanı Haluk Demirtaş, Sendika Başkanı Cemile "
	    "Arslan, Bursa Valisi Orhan Kılıç ve Çalışma Bakanlığı "
	    "Bölge Müdürü Sinan Özkaya toplantıda.\n\n"
	    "Sendika, ücretlerin enflasyon karşısında eridiğini ve bu "
	    "yüzden grevin bir hak olduğunu söyledi. Şirket ise "
	    "taleplerin çok yüksek olduğunu ve bu nedenle masaya daha "
	    "gerçekçi bir teklifle dönülmesi gerektiğini, ama görüşmelerin "
	    "de sürdüğünü açıkladı. Grev için de hazırlık yapıldı ve işçiler "
	    "bu akşam da fabrika önünde bekleyecek.\n");
	assert_non_null(a->language);
	assert_string_equal(a->language, "tr");
	article_free(a);
	/* An English report that opens on a German quotation is English:
	 * at 60 words German leads, but not clearly. */
	a = parse("„Wir haben die ganze Nacht gearbeitet, und wir werden auch "
	    "morgen noch hier sein, bis die letzte Familie wieder in ihr Haus "
	    "kann, denn das sind wir den Menschen in der Stadt schuldig“, "
	    "sagte die Bürgermeisterin.\n\n"
	    "The mayor of the flooded town said that the crews would stay "
	    "until the last family was back in its home. The river rose by "
	    "two metres in the night and the army was called in to help with "
	    "the sandbags. Most of the people who left their homes have been "
	    "staying with friends, and the schools will be closed until the "
	    "end of the week, officials said on Monday. The water is expected "
	    "to fall by the weekend, but the roads to the north are still "
	    "closed and the trains are not running.\n");
	assert_non_null(a->language);
	assert_string_equal(a->language, "en");
	article_free(a);
}

/* Rule: the languages are the files of data/stopwords: adding a file
 * adds a language, no code involved. */
static void
test_import_languages_from_files(void **state)
{
	char dir[] = "/tmp/lede-lang-XXXXXX", *path, *err = NULL, *cmd;
	const char *text = "Il porto di Port Selva è chiuso da martedì e i "
	    "lavoratori dicono che lo sciopero non finirà prima della "
	    "settimana prossima, per la rabbia dei sindacati.\n";
	struct import_rules *mine = NULL;
	struct article *a = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_text(dir, "boilerplate", "Sign up\n");
	path = xasprintf("%s/stopwords", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	put_text(dir, "stopwords/it", "il\ndi\nè\ne\ni\nche\nlo\nnon\nda\n"
	    "della\nper\nla\ndei\n");
	assert_int_equal(import_rules_load(dir, NULL, &mine, &err), 0);
	assert_int_equal(import_text_parse(mine, "x.txt", text, strlen(text),
	    &a, NULL, NULL, &err), 0);
	assert_string_equal(a->language, "it");
	article_free(a);
	import_rules_free(mine);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* ---- the driver ------------------------------------------------------- */

static char tmpdir[64];

static void
write_file(const char *name, const char *content, size_t n)
{
	put_file(tmpdir, name, content, n);
}

static void
quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

/* An import as lede import runs it: the files found, then read. */
static int
import_dir(struct store *st, char *dir, const struct import_opts *o,
    struct import_stats *s, char **err)
{
	struct import_files *f = import_scan(&dir, 1, o, s);
	int rc = import_files(&st, NULL, NULL, rules, f, o, s, err);

	import_files_free(f);
	return rc;
}

/* Rule: a batch imports what it can; bad files (binary, empty, too
 * large) are counted as failed; re-importing unchanged files changes
 * nothing; a changed file updates its article; in directories only *.txt
 * files are read and hidden entries are skipped. */
static void
test_import_paths_batch(void **state)
{
	struct import_opts o = { .now = 1700000000, .warn = quiet,
	    .max_bytes = 4096 };
	struct import_stats s;
	struct store *st = NULL;
	char *db, *err = NULL, big[5000];
	int rc;

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/lede-import-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	db = xasprintf("%s/cache.db", tmpdir);
	assert_int_equal(store_open(db, STORE_CREATE, &st, &err), 0);
	write_file("a.txt", "First story here.\n\nMore.\n", 25);
	write_file("b.txt", "Second story here.\n\nMore.\n", 26);
	write_file("bin.txt", "abc\0def", 7);
	write_file("empty.txt", "", 0);
	memset(big, 'x', sizeof big);
	write_file("big.txt", big, sizeof big);
	write_file("README", "Not an article.\n", 16);
	write_file(".hidden.txt", "Hidden story.\n", 14);
	rc = import_dir(st, tmpdir, &o, &s, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(s.imported, 2);
	assert_int_equal(s.failed, 3);
	rc = import_dir(st, tmpdir, &o, &s, &err);
	assert_int_equal(s.imported, 0);
	assert_int_equal(s.unchanged, 2);
	write_file("b.txt", "Second story, revised.\n\nMore.\n", 30);
	rc = import_dir(st, tmpdir, &o, &s, &err);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 1);
	store_close(st);
	free(db);
	db = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(db), 0);
	free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_refuses_empty_and_binary),
		cmocka_unit_test(test_import_invalid_utf8_warns_with_line),
		cmocka_unit_test(test_import_date_header_shares_line),
		cmocka_unit_test(test_import_undated_stays_undated),
		cmocka_unit_test(test_import_impossible_date_warns),
		cmocka_unit_test(test_import_headline_and_dek),
		cmocka_unit_test(test_import_headline_any_script),
		cmocka_unit_test(test_import_title_from_lead_sentence),
		cmocka_unit_test(test_import_byline),
		cmocka_unit_test(test_import_datelines),
		cmocka_unit_test(test_import_caption_credit_paragraphs),
		cmocka_unit_test(test_import_caption_without_text),
		cmocka_unit_test(test_import_parenthesised_caption_once),
		cmocka_unit_test(test_import_boilerplate_removed),
		cmocka_unit_test(test_import_boilerplate_from_file),
		cmocka_unit_test(test_import_months_file),
		cmocka_unit_test(test_import_paragraph_forms),
		cmocka_unit_test(test_import_hard_wrapped_blocks_join),
		cmocka_unit_test(test_import_hard_wrapped_by_width),
		cmocka_unit_test(test_import_outlet_clues),
		cmocka_unit_test(test_import_foreign_forms),
		cmocka_unit_test(test_import_strips_controls),
		cmocka_unit_test(test_import_normalises_nfc),
		cmocka_unit_test(test_import_wire_forms),
		cmocka_unit_test(test_import_caption_labels),
		cmocka_unit_test(test_import_caption_label_credits),
		cmocka_unit_test(test_import_byline_after_standfirst),
		cmocka_unit_test(test_import_headline_shapes),
		cmocka_unit_test(test_import_region_code_in_dateline),
		cmocka_unit_test(test_import_foreign_promotions),
		cmocka_unit_test(test_import_detects_language),
		cmocka_unit_test(test_import_detects_shipped_languages),
		cmocka_unit_test(test_import_language_past_a_dense_lead),
		cmocka_unit_test(test_import_languages_from_files),
		cmocka_unit_test(test_import_paths_batch),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
