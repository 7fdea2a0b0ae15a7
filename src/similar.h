/* similar: the similarity engine, as pure computation over article text.
 *
 * It turns an article into features (sim_doc), weights them into a
 * compact signature (sim_sig) once document frequencies are known, and
 * compares two signatures into a score in [0,1] and a label.  It knows
 * nothing of SQLite or the terminal: the store keeps signatures, posting
 * keys and document-frequency counts; related.c drives the two.
 *
 * Design, and why (the numbers are from ../shared/seeds and data/):
 * - Words come from libunistring's word breaks, case-folded, with
 *   compatibility forms unfolded and the digits of every script as ASCII
 *   (text_word_key: the Swiss "Strasse" is "Straße", "٨٬٥٠٠" is "8,500");
 *   stopwords per language come from data/stopwords, so every script
 *   tokenises alike.
 *   A word is its core (text_word_core): "Putin's" is Putin and
 *   "l'Ukraine" Ukraine, so one outlet's possessive and another's plain
 *   name meet (seed 002 against 000: cosine 0.63 to 0.66).
 * - Copies and rewrites: sampled 3-word shingles *with* stopwords and
 *   without quotations (which independent reports share).  A copy, whole
 *   or trimmed, is contained in its original: containment (shared /
 *   smaller set) >= 0.8, not Jaccard, which a trim halves.  A synonym
 *   rewrite keeps fewer 3-grams (seed 001 vs 000: 0.26, where other seed
 *   pairs are below 0.05) but keeps them in its source's order, which
 *   independent reports mostly do not: a rewrite shares at least 10
 *   sampled shingles and 15% of the smaller sample in one increasing
 *   sequence (the longest increasing subsequence of their ranks).
 *   Shingles are sampled by hash value (1 in SIM_SAMPLE), which keeps
 *   the ratios unbiased; a sparser subset are posting keys for finding
 *   candidates.  This departs from the MinHash signatures with LSH
 *   banding the issue suggested: MinHash estimates Jaccard, which a trim
 *   to half halves and which is 0.09 for the seed rewrite, and banding
 *   tuned to catch a Jaccard that low (two-row bands) makes unrelated
 *   pairs collide by the thousand in a large cache.  Sampling by value
 *   estimates containment directly, keeps the shingles' order for the
 *   rewrite test, and its keys are specific enough to search all days.
 * - Same story and related: TF-IDF cosine over content words, with names
 *   (words the article only ever capitalises; in German, which
 *   capitalises every noun, not those it writes after a determiner:
 *   among a fire report's seventeen "names" fifteen were nouns such as
 *   "Stadt" and "Feuer"; nor the names of weekdays and months, which
 *   any two reports of a month share), numbers and words inside
 *   quotations weighted up, and multi-word names as terms of their own.
 *   (Quoted 4-grams as terms were tried: each is unique to its article,
 *   so with the highest IDF they crowded the shared terms out of the
 *   top 40 and seed 002 fell to cosine 0.02 against 000.)  The strongest
 *   terms are posting keys too.
 * - Facts: an article's names and numbers, less those in more than 1%
 *   of the cache (a template's "Pay April", "25 cts"), sampled as the 64
 *   lowest hashes.  Wire services send many reports from one template
 *   (two companies' dividends, one market's figures of two weeks): the
 *   words match, so shingles call them copies, and the facts differ.  On
 *   Reuters-21578 (bench/reuters-eval.py) copies and rewrites must keep
 *   half the smaller's facts: pairs naming two different companies fell
 *   from 7.1% of those labels to 1.2%, pairs sharing under 30% of their
 *   text from 4.4% to 0.7%, and all 264 re-issues are found (262
 *   before; two short ones by the brief rule in similar.c); of the
 *   benchmark corpus's 1,040 planted copies one keeps under half
 *   (still clustered through its others).  The same story
 *   must share a quarter (the corpus's reports of one story share
 *   0.25-1.0; seed 002 has 0.34 against 000), a related article one
 *   fact; with one or two facts, one in common will do for any label,
 *   and one differing fact alone vetoes nothing (a story copied in 1%
 *   of the cache makes its own names common: the CI's corpus of 2,000
 *   copies each of five articles lost its duplicate labels).  A
 *   follow-up names the same people in other words: six facts and 30%
 *   in common make half that share count as the topic match.  The
 *   three names with the lowest hashes are posting keys too (a MinHash
 *   sketch of the names): in a small cache the strongest terms are the
 *   words no other article has yet, and a follow-up shared no key with
 *   its story.
 * - Time separates the same story from follow-ups (the text cannot: seed
 *   002 and 003 score the same cosine against 000).  Undated articles
 *   fall back on the weekday the text anchors its events to ("said
 *   Thursday"): two reports of one event name the same day, or the day
 *   before.  Two days apart, or with no clue to the time, a report is
 *   the same story on a closer match (cosine 0.35, half the facts):
 *   fourteen pairs of reports of one event from two outlets, written
 *   for the purpose, had 0.23-0.56 (seeds 003 and 004, days later,
 *   0.21-0.26), and those two days apart were all merely "related".
 * - IDF from a handful of articles says nothing of the language: a word
 *   the one other article has weighed less than a word it lacks, so a
 *   new cache's second article kept its own words as its strongest
 *   terms and two reports of one story looked apart (cosine 0.17-0.39
 *   for the pairs above, alone in a cache, against 0.36-0.71 among a
 *   hundred articles).  IDF counts in proportion n / (n + 100) of the
 *   cache's size n: a third at 50 articles, 99% at 10,000.
 * - Labels: duplicate (containment >= 0.8), rewrite (in order), same story
 *   (topic match within a day, closer match within two), related (topic
 *   match weighted by time);
 *   scores are banded so that a duplicate always outranks a rewrite, which
 *   outranks the same story, which outranks a follow-up. */
#ifndef LEDE_SIMILAR_H
#define LEDE_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct article;

#define SIM_RELATED_MAX	12	/* stored related articles per article */
#define SIM_UNDATED	INT32_MIN	/* sim_sig.day when the date is unknown */

enum sim_label {
	SIM_NONE = 0,
	SIM_RELATED,
	SIM_SAME_STORY,
	SIM_REWRITE,
	SIM_DUPLICATE,
};

/* "duplicate", "rewrite", "same story", "related" or "" (untranslated:
 * they are JSON values too). */
const char *sim_label_name(enum sim_label l);

/* ---- the lexicon: stopwords per language and weekday names --------------- */

struct sim_lexicon;

struct sim_lexicon *sim_lexicon_new(void);
void sim_lexicon_free(struct sim_lexicon *lex);
/* Index of language code (added if new), or -1 past 16 languages. */
int sim_lexicon_lang(struct sim_lexicon *lex, const char *code);
const char *sim_lexicon_lang_code(const struct sim_lexicon *lex, int i);
int sim_lexicon_nlangs(const struct sim_lexicon *lex);
/* word is the caller's text_word_key of the word. */
void sim_lexicon_add_stopword(struct sim_lexicon *lex, int lang,
    const char *word);
/* day: 0 Monday ... 6 Sunday. */
void sim_lexicon_add_weekday(struct sim_lexicon *lex, const char *word,
    int day);
/* A determiner of language lang ("der", "eine"): in a language that
 * capitalises every noun, a capitalised word written right after one is
 * a common noun, not a name. */
void sim_lexicon_add_determiner(struct sim_lexicon *lex, int lang,
    const char *word);
/* A month's name in language lang ("april"): capitalised every time, as
 * English and Turkish write it, yet no name, since two reports of one
 * month share it whatever their story.  It stays a fact, as a number
 * does: the date it belongs to tells a template's issues apart. */
void sim_lexicon_add_month(struct sim_lexicon *lex, int lang,
    const char *word);
/* Bit i set when the n bytes at w, a word's text_word_key, are a
 * stopword of language i. */
uint32_t sim_lexicon_stop_langs(const struct sim_lexicon *lex,
    const char *w, size_t n);

/* ---- features and signatures ---------------------------------------- */

/* The unweighted features of one article. */
struct sim_doc;

/* Extract the features of a (title, dek, body; language and published
 * date).  keep_strings also records the names and quotations as text,
 * for sim_explain.  Caller frees with sim_doc_free. */
struct sim_doc *sim_doc_new(const struct sim_lexicon *lex,
    const struct article *a, bool keep_strings);
void sim_doc_free(struct sim_doc *d);
/* The distinct term ids of d, for document-frequency counting; borrowed
 * from d. */
const uint64_t *sim_doc_terms(const struct sim_doc *d, size_t *n);

/* Document frequency of term among ndocs other articles. */
typedef uint32_t (*sim_df_fn)(uint64_t term, void *ctx);

/* A compact, weighted signature.  Fields are read-only to callers. */
struct sim_term {
	uint32_t	id;	/* low bits of the term hash */
	float		w;	/* TF-IDF weight, vector L2-normalised */
};

struct sim_sig {
	int32_t		 day;		/* days since 1970-01-01, or SIM_UNDATED */
	int8_t		 weekday;	/* 0-6 from the date or the text, -1 */
	uint16_t	 nshingles;
	uint16_t	 nterms;
	uint32_t	*shingles;	/* sampled 3-gram hashes, sorted */
	uint16_t	*order;		/* each one's rank in the text */
	struct sim_term	*terms;		/* sorted by id */
	uint16_t	 nfacts;
	bool		 facts_known;	/* false when read from an old blob */
	bool		 facts_cut;	/* the article had more than these */
	uint32_t	*facts;		/* lowest hashes of names and numbers,
					   sorted */
	uint16_t	 nkeys;
	int64_t		*keys;		/* posting keys (not encoded) */
	bool		 one_block;	/* decoded: the arrays live in the
					   struct's own allocation */
};

/* Weight d's features with document frequencies into a signature; caller
 * frees with sim_sig_free. */
struct sim_sig *sim_sig_new(const struct sim_doc *d, sim_df_fn df,
    void *ctx, uint64_t ndocs);
void sim_sig_free(struct sim_sig *s);

/* Serialise (caller frees *blob) and read back.  sim_sig_decode returns
 * NULL for a blob it does not understand (another version, truncation);
 * a decoded signature has no keys. */
void sim_sig_encode(const struct sim_sig *s, unsigned char **blob,
    size_t *len);
struct sim_sig *sim_sig_decode(const void *blob, size_t len);

/* Posting keys are signed so they can be SQLite integers: term keys are
 * positive, shingle keys negative. */
static inline bool
sim_key_is_shingle(int64_t key)
{
	return key < 0;
}

/* ---- comparison ------------------------------------------------------- */

struct sim_match {
	double		score;		/* [0,1]; 0 with SIM_NONE */
	enum sim_label	label;
	double		containment;	/* of sampled 3-gram shingles */
	double		ordered;	/* of those shared in the same order */
	unsigned	shared;		/* sampled shingles shared */
	unsigned	in_order;	/* of which in the same order */
	double		cosine;		/* of the term vectors */
	double		facts;		/* shared names and numbers, of the
					   smaller's; -1 unknown */
	unsigned	shared_facts;
	unsigned	small_facts;	/* the smaller's, as compared */
	int		days;		/* |date difference|, -1 if unknown */
};

/* Compare two signatures; symmetric. */
struct sim_match sim_compare(const struct sim_sig *a, const struct sim_sig *b);

/* Evidence for one pair, for "lede similarity". */
struct sim_evidence {
	struct sim_match  m;
	char		**names;	/* shared names, as the first article
					   writes them */
	size_t		  nnames;
	char		**quotes;	/* shared quotations */
	size_t		  nquotes;
};

/* Compare a and b from their text, with the shared names and quotations
 * spelled out.  Caller frees with sim_evidence_fini. */
void sim_explain(const struct sim_lexicon *lex, const struct article *a,
    const struct article *b, sim_df_fn df, void *ctx, uint64_t ndocs,
    struct sim_evidence *ev);
void sim_evidence_fini(struct sim_evidence *ev);

#endif
