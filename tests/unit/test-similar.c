/* Unit tests for similar.c, stage by stage: tokenising (stopwords, case,
 * scripts, normal forms), shingles and containment, in-order matching,
 * signatures and their encoding, posting keys, names and quotations,
 * scores and labels, time.  The articles are fictional and generated here
 * from a fixed seed, long enough for sampled shingles to mean something. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "similar.h"
#include "util.h"

static struct sim_lexicon *lex;

static const char *const stops[] = { "the", "a", "an", "of", "and", "to",
    "in", "on", "said", "that", "was", "for", "with", "at", "by", "it",
    "is", "as", "from", "they", "their", "its", "after", "over", "but" };
static const char *const days[] = { "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday" };

static int
setup(void **state)
{
	size_t i;
	int en;

	(void)state;
	lex = sim_lexicon_new();
	en = sim_lexicon_lang(lex, "en");
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
		sim_lexicon_add_stopword(lex, en, stops[i]);
	for (i = 0; i < 7; i++)
		sim_lexicon_add_weekday(lex, days[i], (int)i);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	sim_lexicon_free(lex);
	return 0;
}

/* ---- a deterministic fictional news generator -------------------------- */

static const char *const nouns[] = { "harbour", "council", "union",
    "ferry", "bridge", "budget", "court", "strike", "vote", "river",
    "engineers", "residents", "workers", "ships", "cargo", "tariff",
    "inquiry", "report", "minister", "mayor", "village", "school",
    "hospital", "railway", "market", "bank", "currency", "reservoir" };
static const char *const verbs[] = { "blocked", "approved", "delayed",
    "rejected", "opened", "closed", "reviewed", "doubled", "halved",
    "questioned", "defended", "criticised", "funded", "repaired" };
static const char *const adjs[] = { "local", "northern", "new", "old",
    "public", "regional", "emergency", "independent", "national",
    "coastal", "disputed", "temporary" };
/* Synonyms a spinner would swap in. */
static const char *const spin[][2] = { { "said", "mentioned" },
    { "blocked", "obstructed" }, { "approved", "authorised" },
    { "delayed", "postponed" }, { "rejected", "dismissed" },
    { "new", "recent" }, { "old", "aged" }, { "public", "communal" },
    { "workers", "labourers" }, { "ships", "vessels" },
    { "council", "assembly" }, { "residents", "inhabitants" },
    { "closed", "shut" }, { "opened", "launched" } };

static uint64_t rng;

static unsigned
next(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

#define PICK(a) (a[next(sizeof a / sizeof a[0])])

/* An article of n sentences about a story with its own names. */
static char *
story(uint64_t seed, int n, const char *name1, const char *name2,
    const char *place)
{
	struct strbuf b = { 0 };
	int i;

	rng = seed;
	for (i = 0; i < n; i++) {
		switch (next(4)) {
		case 0:
			strbuf_addf(&b, "%s said the %s %s %s the %s %s in %s. ",
			    i % 2 ? name1 : name2, PICK(adjs), PICK(nouns),
			    PICK(verbs), PICK(adjs), PICK(nouns), place);
			break;
		case 1:
			strbuf_addf(&b, "The %s %s was %s after the %s %s, "
			    "according to %s. ", PICK(adjs), PICK(nouns),
			    PICK(verbs), PICK(nouns), PICK(verbs), name1);
			break;
		case 2:
			strbuf_addf(&b, "In %s the %s %s %s %s with the %s. ",
			    place, PICK(nouns), PICK(verbs), PICK(adjs),
			    PICK(nouns), PICK(nouns));
			break;
		default:
			strbuf_addf(&b, "Officials %s the %s %s and the %s %s "
			    "on %s. ", PICK(verbs), PICK(adjs), PICK(nouns),
			    PICK(adjs), PICK(nouns), days[next(7)]);
			break;
		}
		if (i % 4 == 3)
			strbuf_adds(&b, "\n\n");
	}
	return strbuf_steal(&b);
}

/* Swap whole words through the spinner's table (about a third of the
 * words a spinner knows), as seed 001 does to 000. */
static char *
rewrite(const char *text)
{
	struct strbuf b = { 0 };
	const char *p = text;
	size_t i, n;

	while (*p != '\0') {
		n = strcspn(p, " ,.\n");
		for (i = 0; i < sizeof spin / sizeof spin[0]; i++)
			if (strlen(spin[i][0]) == n && strncmp(p, spin[i][0],
			    n) == 0)
				break;
		if (i < sizeof spin / sizeof spin[0])
			strbuf_adds(&b, spin[i][1]);
		else
			strbuf_add(&b, p, n);
		p += n;
		if (*p != '\0')
			strbuf_addc(&b, *p++);
	}
	return strbuf_steal(&b);
}

static struct article *
make(const char *title, char *body, int64_t published)
{
	struct article *a = article_new();

	a->title = xstrdup(title);
	a->body = body;
	a->published = published;
	a->language = xstrdup("en");
	return a;
}

static uint32_t
no_df(uint64_t term, void *ctx)
{
	(void)term;
	(void)ctx;
	return 0;
}

static struct sim_sig *
sig_of(const struct article *a)
{
	struct sim_doc *d = sim_doc_new(lex, a, false);
	struct sim_sig *s = sim_sig_new(d, no_df, NULL, 100);

	sim_doc_free(d);
	return s;
}

static struct sim_match
compare(const struct article *a, const struct article *b)
{
	struct sim_sig *x = sig_of(a), *y = sig_of(b);
	struct sim_match m = sim_compare(x, y);

	sim_sig_free(x);
	sim_sig_free(y);
	return m;
}

#define DAY 86400
#define T0 1709596800	/* 2024-03-05, a Tuesday */

/* ---- tokenising -------------------------------------------------------------- */

static size_t
nterms(const char *body)
{
	struct article *a = make("", xstrdup(body), ARTICLE_UNDATED);
	struct sim_doc *d = sim_doc_new(lex, a, false);
	size_t n;

	sim_doc_terms(d, &n);
	sim_doc_free(d);
	article_free(a);
	return n;
}

static void
test_sim_doc_degenerate(void **state)
{
	struct article *a = make("", xstrdup(""), ARTICLE_UNDATED);
	struct sim_doc *d;
	struct sim_sig *s;
	size_t n;

	(void)state;
	d = sim_doc_new(lex, a, true);
	sim_doc_terms(d, &n);
	assert_int_equal(n, 0);
	s = sim_sig_new(d, no_df, NULL, 0);
	assert_int_equal(s->nterms, 0);
	assert_int_equal(s->nshingles, 0);
	assert_int_equal(sim_compare(s, s).label, SIM_NONE);
	sim_sig_free(s);
	sim_doc_free(d);
	article_free(a);
}

/* A lexicon of many languages keeps every word through its growth:
 * past 512 words, half the stopwords of eleven languages were lost and
 * English articles were taken for Polish. */
static void
test_sim_lexicon_keeps_words_as_it_grows(void **state)
{
	struct sim_lexicon *big = sim_lexicon_new();
	char word[16];
	int i, lang = sim_lexicon_lang(big, "xx");

	(void)state;
	for (i = 0; i < 3000; i++) {
		snprintf(word, sizeof word, "w%d", i);
		sim_lexicon_add_stopword(big, lang, word);
	}
	for (i = 0; i < 3000; i++) {
		snprintf(word, sizeof word, "w%d", i);
		assert_int_equal(sim_lexicon_stop_langs(big, word,
		    strlen(word)), 1u << lang);
	}
	assert_int_equal(sim_lexicon_stop_langs(big, "w3000", 5), 0);
	sim_lexicon_free(big);
}

static void
test_sim_doc_stopwords_and_case(void **state)
{
	(void)state;
	/* Stopwords are no terms; case does not make two terms. */
	assert_int_equal(nterms("the of and said"), 0);
	assert_int_equal(nterms("Harbour harbour HARBOUR"), 1);
	assert_int_equal(nterms("harbour ferry"), 2);
	/* Words of other scripts are terms too: Greek, Cyrillic, CJK. */
	assert_int_equal(nterms("λιμάνι πορθμείο"), 2);
	assert_int_equal(nterms("паром гавань"), 2);
	assert_true(nterms("港湾労働者") >= 2);
}

static void
test_sim_doc_normal_forms_agree(void **state)
{
	struct article *a, *b;
	struct sim_match m;
	char *body;

	(void)state;
	body = story(7, 40, "Zoë Brandt", "Éric Solé", "Zürich");
	a = make("Zürich", xstrdup(body), T0);
	/* The same text with decomposed accents. */
	{
		struct strbuf nfd = { 0 };
		const char *p;

		for (p = body; *p != '\0'; p++) {
			if (strncmp(p, "ü", 2) == 0) {
				strbuf_adds(&nfd, "u\xcc\x88");
				p++;
			} else if (strncmp(p, "ë", 2) == 0) {
				strbuf_adds(&nfd, "e\xcc\x88");
				p++;
			} else if (strncmp(p, "é", 2) == 0) {
				strbuf_adds(&nfd, "e\xcc\x81");
				p++;
			} else
				strbuf_addc(&nfd, *p);
		}
		b = make("Zu\xcc\x88rich", strbuf_steal(&nfd), T0);
	}
	m = compare(a, b);
	assert_true(m.containment == 1.0);
	assert_true(fabs(m.cosine - 1.0) < 1e-6);
	assert_int_equal(m.label, SIM_DUPLICATE);
	free(body);
	article_free(a);
	article_free(b);
}

/* s with every from written as to. */
static char *
respell(const char *s, const char *from, const char *to)
{
	struct strbuf b = { 0 };
	size_t n = strlen(from);
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (strncmp(p, from, n) == 0) {
			strbuf_adds(&b, to);
			p += n - 1;
		} else
			strbuf_addc(&b, *p);
	}
	return strbuf_steal(&b);
}

/* One text in two spellings compares as one text. */
static void
assert_same_text(const char *text, const char *other)
{
	struct article *a = make("A", xstrdup(text), T0);
	struct article *b = make("B", xstrdup(other), T0);
	struct sim_match m = compare(a, b);

	assert_true(m.containment == 1.0);
	assert_true(fabs(m.cosine - 1.0) < 1e-6);
	assert_int_equal(m.label, SIM_DUPLICATE);
	assert_true(m.small_facts > 0);
	assert_int_equal(m.shared_facts, m.small_facts);
	article_free(a);
	article_free(b);
}

/* Swiss German writes ss for ß; Arabic outlets write ٢٥ or 25. */
static void
test_sim_doc_spellings_agree(void **state)
{
	static const char *german = "Die Polizei hat am Dienstag die "
	    "Hauptstraße in Wendelstadt nach einem Großbrand in einer "
	    "Lagerhalle gesperrt. Nach Angaben der Feuerwehr brach das Feuer "
	    "gegen drei Uhr morgens aus und griff rasch auf das Dach über. "
	    "Mehr als 120 Einsatzkräfte waren vor Ort. Anwohner der "
	    "Seestraße und der Schloßgasse wurden aufgefordert, Fenster und "
	    "Türen geschlossen zu halten. Verletzt wurde nach ersten "
	    "Erkenntnissen niemand. Der Schaden wird auf mehrere Millionen "
	    "Euro geschätzt. Bürgermeisterin Anja Roßbach sagte, die Straße "
	    "bleibe voraussichtlich bis Freitag gesperrt. Die Ursache des "
	    "Brandes ist noch unklar; die Kriminalpolizei hat die "
	    "Ermittlungen aufgenommen. Ein Sprecher der Firma Weißhaupt "
	    "Logistik sagte, man arbeite eng mit den Behörden zusammen und "
	    "werde den Betrieb an einem anderen Standort fortsetzen. Die "
	    "Feuerwehr lobte die große Hilfsbereitschaft der Nachbarn, die "
	    "Getränke und Essen für die Einsatzkräfte brachten.";
	static const char *arabic = "أعلنت وزارة الصحة في مدينة الزهراء يوم "
	    "الثلاثاء أن ٨٬٥٠٠ شخص تلقوا العلاج في المستشفيات خلال موجة الحر "
	    "التي استمرت ١٢ يوما. وقال المتحدث باسم الوزارة إن درجات الحرارة "
	    "بلغت ٤٧ درجة مئوية في بعض الأحياء، وإن ٣٤ حالة استدعت دخول "
	    "العناية المركزة. وأضاف أن الوزارة خصصت ٢٥ مليون دينار لتجهيز "
	    "مراكز التبريد في المدارس والمساجد. ودعت السلطات السكان إلى تجنب "
	    "الخروج بين الساعة ١١ صباحا والساعة ٤ عصرا، وإلى شرب كميات كافية "
	    "من الماء. وقالت إدارة الكهرباء إن الاستهلاك ارتفع بنسبة ١٨ في "
	    "المئة مقارنة بالأسبوع الماضي، وإنها ستقطع التيار عن بعض المناطق "
	    "لمدة ساعتين يوميا. ومن المتوقع أن تنخفض درجات الحرارة مع نهاية "
	    "الأسبوع، بحسب هيئة الأرصاد الجوية.";
	static const char *const digits[][2] = {
		{ "٠", "0" }, { "١", "1" }, { "٢", "2" }, { "٣", "3" },
		{ "٤", "4" }, { "٥", "5" }, { "٦", "6" }, { "٧", "7" },
		{ "٨", "8" }, { "٩", "9" }, { "٬", "," },
	};
	char *swiss, *western, *t;
	size_t i;

	(void)state;
	swiss = respell(german, "ß", "ss");
	assert_same_text(german, swiss);
	free(swiss);
	western = xstrdup(arabic);
	for (i = 0; i < sizeof digits / sizeof digits[0]; i++) {
		t = respell(western, digits[i][0], digits[i][1]);
		free(western);
		western = t;
	}
	assert_non_null(strstr(western, "8,500"));
	assert_same_text(arabic, western);
	free(western);
}

/* ---- shingles, order, labels ------------------------------------------------ */

static void
test_sim_compare_copy_is_duplicate(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Another headline", xstrdup(a->body),
	    T0 + DAY);
	struct sim_match m;

	(void)state;
	m = compare(a, b);
	assert_int_equal(m.label, SIM_DUPLICATE);
	assert_true(m.containment > 0.95);
	assert_true(m.score >= 0.9 && m.score <= 1.0);
	article_free(a);
	article_free(b);
}

static void
test_sim_compare_trimmed_copy_is_duplicate(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b;
	char *cut;

	(void)state;
	/* Keep the first half: Jaccard would halve, containment not. */
	cut = xstrndup(a->body, strlen(a->body) / 2);
	b = make("Strike", cut, T0);
	assert_int_equal(compare(a, b).label, SIM_DUPLICATE);
	article_free(a);
	article_free(b);
}

static void
test_sim_compare_spun_copy_is_rewrite(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Strike", rewrite(a->body), T0);
	struct sim_match m;

	(void)state;
	m = compare(a, b);
	assert_int_equal(m.label, SIM_REWRITE);
	assert_true(m.containment < 0.8);
	assert_true(m.in_order >= 10);
	assert_true(m.score >= 0.75 && m.score < 0.9);
	article_free(a);
	article_free(b);
}

/* Half the sentences of a text, in reverse order, among new ones: they
 * share shingles but not their order, as two reports written apart do;
 * that is no rewrite. */
static void
test_sim_compare_order_matters(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct strbuf b = { 0 };
	char *sent[80], *copy = xstrdup(a->body), *save = NULL, *s, *other;
	struct article *c;
	struct sim_match m;
	size_t n = 0, i;

	(void)state;
	for (s = strtok_r(copy, ".", &save); s != NULL && n < 80;
	    s = strtok_r(NULL, ".", &save))
		sent[n++] = s;
	other = story(9, 30, "Dara Quill", "Tomas Rei", "Port Selva");
	for (i = n; i-- > 0;) {
		if (i % 2 == 0) {
			strbuf_adds(&b, sent[i]);
			strbuf_adds(&b, ". ");
		}
	}
	strbuf_adds(&b, other);
	c = make("Strike", strbuf_steal(&b), T0);
	m = compare(a, c);
	assert_true(m.containment > 0.3);
	assert_true(m.ordered < 0.15);
	assert_int_not_equal(m.label, SIM_REWRITE);
	assert_int_not_equal(m.label, SIM_DUPLICATE);
	free(other);
	free(copy);
	article_free(a);
	article_free(c);
}

/* Shared quotations do not make a copy: independent reports quote the
 * same words in the same order, around text of their own. */
static void
test_sim_compare_quotes_not_shingled(void **state)
{
	static const char *const quotes[] = {
		"We will not accept a deal that leaves the night shift "
		"without pay for the weeks we have already lost",
		"The company has had three months to answer our letters and "
		"chose to answer none of them before the ships arrived",
		"Every crane in this harbour was built by people who live in "
		"these streets and they deserve a say in its future",
		"Nobody here wanted a strike in the middle of the grain "
		"season but we were left with no other way to be heard",
		"If the port authority returns to the table tomorrow we will "
		"be there early and we will stay until there is an agreement",
		"Our children go to school with the children of the managers "
		"and this dispute should never have come to this point",
	};
	struct strbuf x = { 0 }, y = { 0 };
	struct article *a, *b;
	struct sim_match m;
	char *s1 = story(3, 24, "Dara Quill", "Tomas Rei", "Port Selva");
	char *s2 = story(4, 24, "Dara Quill", "Tomas Rei", "Port Selva");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
		strbuf_addf(&x, "“%s,” Dara Quill said. ", quotes[i]);
		strbuf_addf(&y, "“%s,” Quill told reporters. ", quotes[i]);
	}
	strbuf_adds(&x, s1);
	strbuf_adds(&y, s2);
	a = make("Strike", strbuf_steal(&x), T0);
	b = make("Strike", strbuf_steal(&y), T0);
	m = compare(a, b);
	assert_true(m.label < SIM_REWRITE);
	/* The quotations still count for the topic: the same story. */
	assert_int_equal(m.label, SIM_SAME_STORY);
	free(s1);
	free(s2);
	article_free(a);
	article_free(b);
}

/* ---- topic and time ------------------------------------------------------ */

static void
test_sim_compare_same_story_needs_same_day(void **state)
{
	/* Two reports of one story: same names, place, topic words. */
	struct article *a = make("Strike", story(1, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Strike", story(2, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct sim_match m;

	(void)state;
	m = compare(a, b);
	assert_int_equal(m.label, SIM_SAME_STORY);
	assert_true(m.score >= 0.45 && m.score < 0.75);
	/* Two days apart, so close a match is still the same story. */
	b->published = T0 + 2 * DAY;
	m = compare(a, b);
	assert_true(m.cosine >= 0.35);
	assert_int_equal(m.label, SIM_SAME_STORY);
	/* Days later it is a follow-up, scored lower. */
	b->published = T0 + 6 * DAY;
	m = compare(a, b);
	assert_int_equal(m.label, SIM_RELATED);
	assert_int_equal(m.days, 6);
	assert_true(m.score < 0.45);
	article_free(a);
	article_free(b);
}

static void
test_sim_compare_undated_uses_weekday(void **state)
{
	struct article *a, *b;
	char *s1 = story(1, 40, "Dara Quill", "Tomas Rei", "Port Selva");
	char *s2 = story(2, 40, "Dara Quill", "Tomas Rei", "Port Selva");
	struct strbuf x = { 0 }, y = { 0 };

	(void)state;
	/* Anchor each text firmly to a weekday. */
	strbuf_addf(&x, "On Thursday the strike began. Thursday talks "
	    "failed. %s", s1);
	strbuf_addf(&y, "On Thursday the strike began. Late on Thursday "
	    "ships waited. %s", s2);
	a = make("Strike", strbuf_steal(&x), T0 + 2 * DAY);	/* Thursday */
	b = make("Strike", strbuf_steal(&y), ARTICLE_UNDATED);
	assert_int_equal(compare(a, b).label, SIM_SAME_STORY);
	article_free(b);
	strbuf_addf(&y, "On Monday the strike went on. Monday and Monday "
	    "again. %s", s2);
	b = make("Strike", strbuf_steal(&y), ARTICLE_UNDATED);
	assert_int_equal(compare(a, b).label, SIM_RELATED);
	article_free(b);
	/* The eve's report is the same story (dated ones may be a day
	 * apart, too). */
	strbuf_addf(&y, "On Wednesday the strike began. Late on Wednesday "
	    "ships waited. %s", s2);
	b = make("Strike", strbuf_steal(&y), ARTICLE_UNDATED);
	assert_int_equal(compare(a, b).label, SIM_SAME_STORY);
	free(s1);
	free(s2);
	article_free(a);
	article_free(b);
}

/* The document frequency of "lantern" (the first word's term). */
static uint32_t lantern_df;
static uint64_t lantern;

static uint32_t
df_lantern(uint64_t term, void *ctx)
{
	(void)ctx;
	return term == lantern ? lantern_df : 0;
}

/* The weight of "lantern" over that of "harvest" in a text of the two,
 * with ndocs articles in the cache. */
static double
lantern_ratio(uint64_t ndocs, uint32_t df)
{
	struct article *w = make("", xstrdup("lantern"), T0);
	struct article *a = make("", xstrdup("lantern harvest"), T0);
	struct sim_doc *dw = sim_doc_new(lex, w, false);
	struct sim_doc *da = sim_doc_new(lex, a, false);
	struct sim_sig *s;
	const uint64_t *t;
	size_t i, n;
	double lw = 0, hw = 0;

	t = sim_doc_terms(dw, &n);
	assert_int_equal(n, 1);
	lantern = t[0];
	lantern_df = df;
	s = sim_sig_new(da, df_lantern, NULL, ndocs);
	assert_int_equal(s->nterms, 2);
	for (i = 0; i < s->nterms; i++)
		if (s->terms[i].id == (uint32_t)lantern)
			lw = s->terms[i].w;
		else
			hw = s->terms[i].w;
	sim_sig_free(s);
	sim_doc_free(dw);
	sim_doc_free(da);
	article_free(w);
	article_free(a);
	return lw / hw;
}

/* A word that one other article of a new cache has is no commoner than
 * a word none has: frequencies of a few articles say nothing of the
 * language.  Weighed by them, two reports of one story imported into a
 * new cache shared fewer of their strongest terms than two in a large
 * one (a cosine of 0.17-0.39 against 0.36-0.71 for the same pairs), and
 * were "related" or "same story" depending on which came first.  In a
 * large cache the frequencies count. */
static void
test_sim_sig_small_cache_weighs_words_alike(void **state)
{
	(void)state;
	assert_true(lantern_ratio(1, 1) > 0.95);
	assert_true(lantern_ratio(100000, 5000) < 0.6);
}

/* A short brief copied whole is a duplicate too, though it has fewer
 * shingles than containment needs; two briefs on one event that share
 * a phrase are not. */
#define TINY "There were four grain ships loading and two waiting to load at " \
    "Port Selva, according to the harbour office."

static void
test_sim_compare_short_copy_is_duplicate(void **state)
{
	const char *brief = "Castelbruck Athletic beat Lowmere Rovers three "
	    "goals to one in the cup final at Fenwick Park on Saturday. "
	    "Striker Ivo Marsh scored twice before half time and goalkeeper "
	    "Anselm Rook saved a late penalty.";
	struct article *a = make("Cup final", xstrdup(brief), T0);
	struct article *b = make("Athletic win cup", xstrdup(brief), T0);
	struct article *c = make("Rovers lose final", xstrdup("Lowmere Rovers "
	    "lost the cup final at Fenwick Park on Saturday after Ivo Marsh "
	    "scored twice for Castelbruck Athletic; their manager blamed a "
	    "tired defence and the wet pitch for the defeat."), T0);
	struct sim_match m;

	(void)state;
	m = compare(a, b);
	assert_true(m.shared < 8);
	assert_int_equal(m.label, SIM_DUPLICATE);
	assert_int_not_equal(compare(a, c).label, SIM_DUPLICATE);
	assert_int_not_equal(compare(a, c).label, SIM_REWRITE);
	/* Fewer than three sampled shingles, and days apart: the words
	 * decide. */
	article_free(a);
	article_free(b);
	a = make("Ships", xstrdup(TINY), T0);
	b = make("Ships", xstrdup(TINY), T0 + 2 * DAY);
	m = compare(a, b);
	assert_true(m.shared > 0 && m.shared < 3);
	assert_int_equal(m.label, SIM_DUPLICATE);
	article_free(a);
	article_free(b);
	article_free(c);
	/* A one-line brief keeps no sampled shingle (one in eight is): the
	 * same words make a copy, one verb changed does not. */
	a = make("Bridge", xstrdup("Orrin bridge closes after storm."), T0);
	b = make("Bridge", xstrdup("Orrin bridge closes after storm."), T0);
	c = make("Bridge", xstrdup("Orrin bridge opens after storm."), T0);
	m = compare(a, b);
	assert_int_equal(m.shared, 0);
	assert_int_equal(m.label, SIM_DUPLICATE);
	assert_true(m.score >= 0.99);
	assert_int_not_equal(compare(a, c).label, SIM_DUPLICATE);
	article_free(a);
	article_free(b);
	article_free(c);
}

/* A brief re-issued the same day under a shorter headline: one sampled
 * shingle differs and every other word is the same, so it is a copy.
 * The same text a few days later is a template's next issue (the
 * wire's daily briefs), which a missing shingle does not make a copy. */
static void
test_sim_compare_reissued_brief_is_duplicate(void **state)
{
	struct article *a, *b, *c;
	struct sim_match m;
	uint64_t seed;
	bool found = false;

	(void)state;
	for (seed = 1; seed < 200 && !found; seed++) {
		char *body = story(seed, 4, "Dara Quill", "Tomas Rei",
		    "Port Selva");
		size_t small;

		a = make("Port Selva harbour reopens in March", xstrdup(body),
		    T0);
		b = make("Port Selva harbour reopens", body, T0);
		m = compare(a, b);
		small = m.containment > 0 ? (size_t)lround(m.shared /
		    m.containment) : 0;
		if (small >= 3 && small < 8 && m.in_order + 1 == small) {
			found = true;
			assert_int_equal(m.label, SIM_DUPLICATE);
			c = make("Port Selva harbour reopens", xstrdup(body),
			    T0 + 3 * DAY);
			assert_int_not_equal(compare(a, c).label,
			    SIM_DUPLICATE);
			article_free(c);
		}
		article_free(a);
		article_free(b);
	}
	assert_true(found);
}

static void
test_sim_compare_unrelated_is_none(void **state)
{
	struct article *a = make("Strike", story(1, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Match", xstrdup("Castelbruck Athletic beat "
	    "Lowmere Rovers three goals to one in the cup final at Fenwick "
	    "Park. Striker Ivo Marsh scored twice before half time and "
	    "goalkeeper Anselm Rook saved a penalty. Supporters sang until "
	    "midnight. The club has waited thirty one years for a trophy."),
	    T0);

	(void)state;
	assert_int_equal(compare(a, b).label, SIM_NONE);
	assert_true(compare(a, b).score == 0);
	article_free(a);
	article_free(b);
}

/* ---- names and numbers ---------------------------------------------------- */

/* A weekly figure in the wire's template: the words stay, the numbers
 * change from one week to the next. */
static char *
figures(const char *text, unsigned base)
{
	struct strbuf b = { 0 };
	unsigned i;

	strbuf_adds(&b, text);
	for (i = 0; i < 12; i++)
		strbuf_addf(&b, "Borrowings in the %s district rose to %u "
		    "million in the week, against %u million before. ",
		    i % 2 ? "northern" : "coastal", base + 37 * i,
		    base + 41 * i + 3);
	return strbuf_steal(&b);
}

/* A weekly brief without names, its two figures given as x and y. */
#define BRIEF(x, y) "grain loaded at the northern harbour this week rose " \
    "to " x " tonnes from " y ", the harbour office said on its weekly report, " \
    "and the office added that the ships waiting to load at the " \
    "northern harbour were fewer than in the week before, while the " \
    "ships loading at the coastal harbour were as many as before."

static void
test_sim_compare_template_is_no_copy(void **state)
{
	/* One text with other names: two companies' reports from one
	 * template. */
	struct article *a = make("Ferry", story(1, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Ferry", story(1, 40, "Mira Okon",
	    "Ilse Varga", "Lake Tarn"), T0);
	char *base = story(3, 12, "Dara Quill", "Tomas Rei", "Port Selva");
	struct article *w1 = make("Borrowings", figures(base, 310), T0);
	struct article *w2 = make("Borrowings", figures(base, 560),
	    T0 + 7 * DAY);
	struct article *copy = make("Borrowings", xstrdup(w1->body), T0);
	struct sim_match m;

	(void)state;
	m = compare(a, b);
	assert_true(m.containment >= 0.8);	/* the words are shared */
	assert_true(m.cosine >= 0.22);
	assert_true(m.facts < 0.25);		/* the names are not */
	/* Nor are they the same story, though of one day and alike. */
	assert_int_equal(m.label, SIM_RELATED);
	/* The same report a week later: its figures changed. */
	m = compare(w1, w2);
	assert_true(m.containment >= 0.5);
	assert_true(m.facts < 0.5);
	assert_true(m.label != SIM_DUPLICATE && m.label != SIM_REWRITE);
	/* A copy keeps them. */
	m = compare(w1, copy);
	assert_true(m.facts == 1.0);
	assert_int_equal(m.label, SIM_DUPLICATE);
	/* A brief with two figures, both changed: two facts, none in
	 * common. */
	article_free(w2);
	article_free(copy);
	w2 = make("Grain", xstrdup(BRIEF("450", "390")), T0);
	copy = make("Grain", xstrdup(BRIEF("800", "510")), T0 + 7 * DAY);
	m = compare(w2, copy);
	assert_true(m.containment >= 0.8);
	assert_int_equal(m.small_facts, 2);
	assert_int_equal(m.shared_facts, 0);
	assert_int_equal(m.label, SIM_NONE);
	/* One figure changed is a correction, still a copy. */
	article_free(copy);
	copy = make("Grain", xstrdup(BRIEF("460", "390")), T0);
	assert_int_equal(compare(w2, copy).label, SIM_DUPLICATE);
	free(base);
	article_free(a);
	article_free(b);
	article_free(w1);
	article_free(w2);
	article_free(copy);
}

static uint32_t common_df;

static uint32_t
fixed_df(uint64_t term, void *ctx)
{
	(void)term;
	(void)ctx;
	return common_df;
}

/* A story copied so widely that its names are common: only the copies'
 * own numbers ("Copy 17", "Copy 18") are left as facts. */
static uint32_t
names_common_df(uint64_t term, void *ctx)
{
	(void)ctx;
	return term == fnv1a(FNV1A_SEED, "17", 2) ||
	    term == fnv1a(FNV1A_SEED, "18", 2) ? 1 : 5000;
}

static void
test_sim_compare_widely_copied_story(void **state)
{
	char *body = story(1, 40, "Dara Quill", "Tomas Rei", "Port Selva");
	struct strbuf x = { 0 }, y = { 0 };
	struct article *a, *b;
	struct sim_doc *da, *db;
	struct sim_sig *sa, *sb;
	struct sim_match m;

	(void)state;
	strbuf_addf(&x, "Copy 17. %s", body);
	strbuf_addf(&y, "Copy 18. %s", body);
	a = make("Strike", strbuf_steal(&x), T0);
	b = make("Strike", strbuf_steal(&y), T0);
	da = sim_doc_new(lex, a, false);
	db = sim_doc_new(lex, b, false);
	sa = sim_sig_new(da, names_common_df, NULL, 100000);
	sb = sim_sig_new(db, names_common_df, NULL, 100000);
	m = sim_compare(sa, sb);
	assert_int_equal(m.small_facts, 1);
	assert_int_equal(m.shared_facts, 0);
	assert_int_equal(m.label, SIM_DUPLICATE);
	sim_sig_free(sa);
	sim_sig_free(sb);
	sim_doc_free(da);
	sim_doc_free(db);
	article_free(a);
	article_free(b);
	free(body);
}

static void
test_sim_sig_common_facts_left_out(void **state)
{
	struct article *a = make("Strike", story(1, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct sim_doc *d = sim_doc_new(lex, a, false);
	struct sim_sig *s;
	uint16_t n;

	(void)state;
	/* In a cache of 100, a name in 20 articles is still a fact ... */
	common_df = 20;
	s = sim_sig_new(d, fixed_df, NULL, 100);
	assert_true(s->facts_known);
	n = s->nfacts;
	assert_true(n >= 6);	/* Dara, Quill, Dara Quill, ... */
	sim_sig_free(s);
	/* ... in 21 it is a template's word ... */
	common_df = 21;
	s = sim_sig_new(d, fixed_df, NULL, 100);
	assert_int_equal(s->nfacts, 0);
	sim_sig_free(s);
	/* ... and in a large cache, past 1 in 100. */
	common_df = 1000;
	s = sim_sig_new(d, fixed_df, NULL, 100000);
	assert_int_equal(s->nfacts, n);
	sim_sig_free(s);
	common_df = 1001;
	s = sim_sig_new(d, fixed_df, NULL, 100000);
	assert_int_equal(s->nfacts, 0);
	sim_sig_free(s);
	sim_doc_free(d);
	article_free(a);
}

static void
test_sim_compare_is_symmetric_and_banded(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *dup = make("Strike", xstrdup(a->body), T0);
	struct article *rw = make("Strike", rewrite(a->body), T0);
	struct article *same = make("Strike", story(2, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *later = make("Strike", story(5, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0 + 5 * DAY);
	struct sim_match m1 = compare(a, rw), m2 = compare(rw, a);

	(void)state;
	assert_true(m1.score == m2.score);
	assert_int_equal(m1.label, m2.label);
	/* A duplicate outranks a rewrite, the same story, a follow-up. */
	assert_true(compare(a, dup).score > compare(a, rw).score);
	assert_true(compare(a, rw).score > compare(a, same).score);
	assert_true(compare(a, same).score > compare(a, later).score);
	assert_true(compare(a, later).score > 0);
	article_free(a);
	article_free(dup);
	article_free(rw);
	article_free(same);
	article_free(later);
}

/* A signature of given terms (ids 1..n, weights as given), facts and
 * day, as sim_sig_new would leave it. */
static struct sim_sig *
sig_made(const float *w, size_t nw, uint32_t fact0, uint32_t nfacts,
    uint32_t nshared, int32_t day)
{
	struct sim_sig *s = xcalloc(1, sizeof *s);
	size_t i;

	s->day = day;
	s->weekday = -1;
	s->nterms = (uint16_t)nw;
	s->terms = xcalloc(nw, sizeof *s->terms);
	for (i = 0; i < nw; i++) {
		s->terms[i].id = (uint32_t)i + 1;
		s->terms[i].w = w[i];
	}
	/* The first nshared facts are 1..nshared, the rest from fact0. */
	s->facts_known = true;
	s->nfacts = (uint16_t)nfacts;
	s->facts = xcalloc(nfacts, sizeof *s->facts);
	for (i = 0; i < nfacts; i++)
		s->facts[i] = i < nshared ? (uint32_t)i + 1 : fact0 +
		    (uint32_t)i;
	return s;
}

/* A follow-up days later tells its story in other words (cosine 0.12,
 * too little at 5 days apart) but names the same people: two thirds of
 * its facts make it related.  A few facts in common (one name and a
 * place is six) or a small share of many do not. */
static void
test_sim_compare_follow_up_same_actors(void **state)
{
	static const float wa[] = { 0.6f, 0.8f }, wb[] = { 0.2f, 0, 0.98f };
	struct sim_sig *a = sig_made(wa, 2, 1000, 30, 30, 19800);
	struct sim_sig *b;
	struct sim_match m;

	(void)state;
	b = sig_made(wb, 3, 2000, 30, 20, 19805);
	m = sim_compare(a, b);
	assert_true(m.cosine > 0.11 && m.cosine < 0.13);
	assert_int_equal(m.shared_facts, 20);
	assert_int_equal(m.label, SIM_RELATED);
	assert_true(m.score > 0.10 && m.score < 0.45);
	/* A week later still, it weighs less. */
	b->day = 19812;
	assert_true(sim_compare(a, b).score < m.score);
	sim_sig_free(b);
	/* Five facts in common, of five: not enough to stand for a topic. */
	b = sig_made(wb, 3, 2000, 5, 5, 19805);
	assert_int_equal(sim_compare(a, b).label, SIM_NONE);
	sim_sig_free(b);
	/* Eight of thirty: a quarter is not a story's cast. */
	b = sig_made(wb, 3, 2000, 30, 8, 19805);
	assert_int_equal(sim_compare(a, b).label, SIM_NONE);
	sim_sig_free(b);
	sim_sig_free(a);
}

/* ---- signatures, keys, evidence ------------------------------------------------ */

static void
test_sim_sig_encode_roundtrip(void **state)
{
	struct article *a = make("Strike", story(1, 60, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct sim_sig *s = sig_of(a), *t;
	unsigned char *blob;
	size_t len, i;
	double norm = 0;

	(void)state;
	sim_sig_encode(s, &blob, &len);
	t = sim_sig_decode(blob, len);
	assert_non_null(t);
	assert_int_equal(t->day, s->day);
	assert_int_equal(t->weekday, 1);	/* 2024-03-05, a Tuesday */
	assert_int_equal(t->nshingles, s->nshingles);
	assert_int_equal(t->nterms, s->nterms);
	assert_memory_equal(t->shingles, s->shingles, s->nshingles * 4);
	for (i = 0; i < t->nterms; i++)
		norm += (double)t->terms[i].w * t->terms[i].w;
	assert_true(fabs(norm - 1.0) < 1e-4);
	assert_true(sim_compare(s, t).containment == 1.0);
	assert_true(t->facts_known);
	assert_int_equal(t->facts_cut, s->facts_cut);
	assert_int_equal(t->nfacts, s->nfacts);
	assert_true(t->nfacts > 0);
	assert_memory_equal(t->facts, s->facts, s->nfacts * 4);
	/* A blob of the layout before facts ("LS2": no fact count, no
	 * facts) still reads, its facts unknown, so a cache compares
	 * until it is reindexed. */
	{
		size_t body = len - 15 - 4 * (size_t)s->nfacts;
		unsigned char *old = xmalloc(12 + body);
		struct sim_sig *o;

		memcpy(old, "LS2", 3);
		memcpy(old + 3, blob + 3, 9);
		memcpy(old + 12, blob + 15, body);
		o = sim_sig_decode(old, 12 + body);
		assert_non_null(o);
		assert_false(o->facts_known);
		assert_int_equal(o->nterms, s->nterms);
		assert_true(sim_compare(s, o).facts < 0);
		assert_true(sim_compare(s, o).containment == 1.0);
		sim_sig_free(o);
		free(old);
	}
	/* Truncated or foreign blobs are refused, not misread. */
	assert_null(sim_sig_decode(blob, len - 1));
	blob[0] = 'X';
	assert_null(sim_sig_decode(blob, len));
	assert_null(sim_sig_decode("", 0));
	free(blob);
	sim_sig_free(s);
	sim_sig_free(t);
	article_free(a);
}

static bool
shares_key(const struct sim_sig *a, const struct sim_sig *b, bool shingle)
{
	size_t i, j;

	for (i = 0; i < a->nkeys; i++)
		for (j = 0; j < b->nkeys; j++)
			if (a->keys[i] == b->keys[j] &&
			    sim_key_is_shingle(a->keys[i]) == shingle)
				return true;
	return false;
}

static void
test_sim_sig_keys_find_copies_and_stories(void **state)
{
	struct article *a = make("Strike", story(1, 80, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct article *b = make("Strike", rewrite(a->body), T0);
	struct article *c = make("Strike", story(2, 40, "Dara Quill",
	    "Tomas Rei", "Port Selva"), T0);
	struct sim_sig *sa = sig_of(a), *sb = sig_of(b), *sc = sig_of(c);

	(void)state;
	assert_true(sa->nkeys > 0);
	/* A rewrite is found through a shared shingle key, a report of
	 * the same story through a shared term key (its names). */
	assert_true(shares_key(sa, sb, true));
	assert_true(shares_key(sa, sc, false));
	sim_sig_free(sa);
	sim_sig_free(sb);
	sim_sig_free(sc);
	article_free(a);
	article_free(b);
	article_free(c);
}

/* Terms of the names, whose df names_df gives as 20 (of 30 articles: a
 * running story's people, in most of a small cache, yet facts). */
static const uint64_t *name_terms;
static size_t nname_terms;

static uint32_t
names_df(uint64_t term, void *ctx)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < nname_terms; i++)
		if (name_terms[i] == term)
			return 20;
	return 0;
}

/* A follow-up and its story name the same people, yet each has more
 * names of its own (the engineers, the judge), which no other article
 * has and which weigh most: their strongest terms differ, and only the
 * names kept as keys (a sketch of the lowest hashes) bring them
 * together. */
static void
test_sim_sig_keys_name_the_actors(void **state)
{
	struct article *n = make("", xstrdup("Mayor Ingrid Falsen met "
	    "Mona Sjovik of the Civic Alliance in Tarnholm about the Baltic "
	    "Transit Fund and Kanal Street."), T0);
	struct article *a = make("Council approves harbour tram",
	    xstrdup("The council in Tarnholm voted late on Tuesday to "
	    "build a harbour tramway after a stormy session. Mayor Ingrid "
	    "Falsen hailed a turning point. The Civic Alliance, led by "
	    "Mona Sjovik, opposed the route and demanded a referendum. "
	    "Construction starts next spring, paid partly by the Baltic "
	    "Transit Fund. Shopkeepers on Kanal Street fear closed "
	    "pavements. Engineers Petra Lund and Odd Brekke of Nordvei "
	    "Rail drew the plans with Vinge Studio."), T0);
	struct article *b = make("Merchants go to court", xstrdup("Merchants "
	    "filed suit in the district court on Monday, claiming the works "
	    "will ruin their trade along Kanal Street. Their lawyer said "
	    "Mayor Ingrid Falsen ignored every objection from the Civic "
	    "Alliance. Mona Sjovik welcomed the lawsuit. The Baltic Transit "
	    "Fund declined to comment, and Tarnholm officials stayed "
	    "silent. Judge Halvor Rudd set a hearing; Tove Amundsen of "
	    "Fosse Berg represents the Kanal Traders Guild."), T0 + 5 * DAY);
	struct sim_doc *dn = sim_doc_new(lex, n, false);
	struct sim_doc *da = sim_doc_new(lex, a, false);
	struct sim_doc *db = sim_doc_new(lex, b, false);
	struct sim_sig *sa, *sb;
	size_t i, j;
	bool top_shared = false;

	(void)state;
	name_terms = sim_doc_terms(dn, &nname_terms);
	sa = sim_sig_new(da, names_df, NULL, 30);
	sb = sim_sig_new(db, names_df, NULL, 30);
	/* The six strongest terms have nothing in common ... */
	for (i = 0; i < 6 && i < sa->nkeys; i++)
		for (j = 0; j < 6 && j < sb->nkeys; j++)
			top_shared |= sa->keys[i] == sb->keys[j];
	assert_false(top_shared);
	/* ... but a name among the keys is, and the pair is related. */
	assert_true(shares_key(sa, sb, false));
	assert_int_equal(sim_compare(sa, sb).label, SIM_RELATED);
	sim_sig_free(sa);
	sim_sig_free(sb);
	sim_doc_free(dn);
	sim_doc_free(da);
	sim_doc_free(db);
	article_free(n);
	article_free(a);
	article_free(b);
}

/* Whether name is among the names the evidence lists as shared. */
static bool
shares_name(const struct sim_evidence *ev, const char *name)
{
	size_t i;

	for (i = 0; i < ev->nnames; i++)
		if (strcmp(ev->names[i], name) == 0)
			return true;
	return false;
}

static void
test_sim_explain_names_and_quotes(void **state)
{
	struct article *a = make("Talks", xstrdup("Union leader Dara Quill "
	    "met the port authority on Tuesday. “We are not against "
	    "machines, we are against being thrown away,” Quill said. "
	    "The harbour stayed closed; the harbour board said little."),
	    T0);
	struct article *b = make("Talks", xstrdup("Dara Quill spoke outside "
	    "the gates. “We are not against machines, we are against being "
	    "thrown away,” she told reporters. The Harbour Board was silent."),
	    T0);
	struct sim_evidence ev;
	size_t i;
	bool board = false;

	(void)state;
	sim_explain(lex, a, b, no_df, NULL, 10, &ev);
	/* "harbour" is written in lower case in a: not a name. */
	for (i = 0; i < ev.nnames; i++)
		if (strstr(ev.names[i], "arbour") != NULL)
			board = true;
	assert_true(shares_name(&ev, "Dara Quill"));
	assert_false(board);
	assert_int_equal(ev.nquotes, 1);
	assert_string_equal(ev.quotes[0], "We are not against machines, we "
	    "are against being thrown away");
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
}

/* A name's possessive and elided forms are the name ("Kavala's",
 * "l'Orvane"), and a German „…“ quotation is a quotation, not the text
 * after it. */
static void
test_sim_explain_clitics_and_low_quotes(void **state)
{
	struct article *a = make("Hafen", xstrdup("Dara Quill visited "
	    "Kavala's harbour on Tuesday and met the Orvane's engineers. "
	    "„Wir geben nicht auf“, sagte Quill. Danach sprach sie lange "
	    "mit den Arbeitern."), T0);
	struct article *b = make("Hafen", xstrdup("In Kavala, Dara Quill "
	    "spoke to the press about l'Orvane. „Wir geben nicht auf“, "
	    "erklärte Quill am Dienstag vor dem Tor."), T0);
	struct sim_evidence ev;

	(void)state;
	sim_explain(lex, a, b, no_df, NULL, 10, &ev);
	assert_true(shares_name(&ev, "Kavala"));
	assert_true(shares_name(&ev, "Orvane"));
	assert_int_equal(ev.nquotes, 1);
	assert_string_equal(ev.quotes[0], "Wir geben nicht auf");
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
}

/* German writes every noun with a capital: a capitalised word right
 * after a determiner ("die Stadt", "einem Brand") is a common noun, not
 * a name, while "Kelheim" and "Wendt" stay names.  English, where the
 * determiners are not listed, keeps "the Harbour Board". */
static void
test_sim_explain_german_nouns_are_no_names(void **state)
{
	static const char *const dets[] = { "der", "die", "das", "den",
	    "dem", "ein", "eine", "einem" };
	struct article *a = make("Brand", xstrdup("In Kelheim brach am "
	    "Dienstag ein Feuer in einer Halle aus. Die Stadt warnte die "
	    "Bewohner, sagte Wendt. Das Feuer zerstörte die Halle."), T0);
	struct article *b = make("Brand", xstrdup("Ein Feuer hat in Kelheim "
	    "eine Halle zerstört. Die Stadt warnte die Bewohner vor dem "
	    "Rauch, so Wendt."), T0);
	struct sim_evidence ev;
	size_t i;
	int de = sim_lexicon_lang(lex, "de");

	(void)state;
	for (i = 0; i < sizeof dets / sizeof dets[0]; i++)
		sim_lexicon_add_determiner(lex, de, dets[i]);
	free(a->language);
	a->language = xstrdup("de");
	free(b->language);
	b->language = xstrdup("de");
	sim_explain(lex, a, b, no_df, NULL, 10, &ev);
	assert_true(shares_name(&ev, "Kelheim"));
	assert_true(shares_name(&ev, "Wendt"));
	assert_false(shares_name(&ev, "Feuer") || shares_name(&ev, "Stadt") ||
	    shares_name(&ev, "Halle") || shares_name(&ev, "Bewohner"));
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
}

/* A month's name is written with a capital every time, yet two reports
 * of one month share it whatever their story: it is no name, but it
 * stays a fact, as the date it belongs to. */
static void
test_sim_explain_months_are_no_names(void **state)
{
	struct article *a = make("Budget", xstrdup("The council of Orlen Vale "
	    "met in April to vote on the budget. The mayor, Ilsa Varn, said "
	    "the vote in April would settle the matter."), T0);
	struct article *b = make("Bridge", xstrdup("Engineers closed the "
	    "Tarrow bridge in April after a crack was found. Ilsa Varn, the "
	    "mayor, said repairs would start in April."), T0);
	struct sim_evidence ev;

	(void)state;
	sim_lexicon_add_month(lex, sim_lexicon_lang(lex, "en"), "april");
	sim_explain(lex, a, b, no_df, NULL, 10, &ev);
	assert_false(shares_name(&ev, "April"));
	assert_true(shares_name(&ev, "Ilsa Varn"));
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
	/* Yet a date is a fact: a template's two issues differ by it. */
	sim_lexicon_add_month(lex, sim_lexicon_lang(lex, "en"), "may");
	a = make("Dividend", xstrdup("Harlow Mills said it will pay 12 cts a "
	    "share on April 15 to holders of record on March 30."), T0);
	b = make("Dividend", xstrdup("Harlow Mills said it will pay 12 cts a "
	    "share on May 15 to holders of record on March 30."), T0);
	sim_explain(lex, a, b, no_df, NULL, 10, &ev);
	assert_true(ev.m.shared_facts < ev.m.small_facts);
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
}

static void
test_sim_label_names(void **state)
{
	(void)state;
	assert_string_equal(sim_label_name(SIM_DUPLICATE), "duplicate");
	assert_string_equal(sim_label_name(SIM_REWRITE), "rewrite");
	assert_string_equal(sim_label_name(SIM_SAME_STORY), "same story");
	assert_string_equal(sim_label_name(SIM_RELATED), "related");
	assert_string_equal(sim_label_name(SIM_NONE), "");
	assert_string_equal(sim_label_name((enum sim_label)99), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sim_doc_degenerate),
		cmocka_unit_test(test_sim_lexicon_keeps_words_as_it_grows),
		cmocka_unit_test(test_sim_doc_stopwords_and_case),
		cmocka_unit_test(test_sim_doc_normal_forms_agree),
		cmocka_unit_test(test_sim_doc_spellings_agree),
		cmocka_unit_test(test_sim_compare_copy_is_duplicate),
		cmocka_unit_test(test_sim_compare_trimmed_copy_is_duplicate),
		cmocka_unit_test(test_sim_compare_spun_copy_is_rewrite),
		cmocka_unit_test(test_sim_compare_order_matters),
		cmocka_unit_test(test_sim_compare_quotes_not_shingled),
		cmocka_unit_test(test_sim_compare_same_story_needs_same_day),
		cmocka_unit_test(test_sim_compare_undated_uses_weekday),
		cmocka_unit_test(test_sim_sig_small_cache_weighs_words_alike),
		cmocka_unit_test(test_sim_compare_short_copy_is_duplicate),
		cmocka_unit_test(test_sim_compare_reissued_brief_is_duplicate),
		cmocka_unit_test(test_sim_compare_unrelated_is_none),
		cmocka_unit_test(test_sim_compare_template_is_no_copy),
		cmocka_unit_test(test_sim_compare_widely_copied_story),
		cmocka_unit_test(test_sim_sig_common_facts_left_out),
		cmocka_unit_test(test_sim_compare_is_symmetric_and_banded),
		cmocka_unit_test(test_sim_compare_follow_up_same_actors),
		cmocka_unit_test(test_sim_sig_encode_roundtrip),
		cmocka_unit_test(test_sim_sig_keys_find_copies_and_stories),
		cmocka_unit_test(test_sim_sig_keys_name_the_actors),
		cmocka_unit_test(test_sim_explain_names_and_quotes),
		cmocka_unit_test(test_sim_explain_clitics_and_low_quotes),
		cmocka_unit_test(test_sim_explain_german_nouns_are_no_names),
		cmocka_unit_test(test_sim_explain_months_are_no_names),
		cmocka_unit_test(test_sim_label_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
