/* related: the indexing step of the similarity engine; see related.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "related.h"
#include "similar.h"
#include "store.h"
#include "util.h"

#define WINDOW_DAYS	45	/* term candidates within this many days */
#define PER_KEY		40	/* postings read per key */
#define MAX_SCORED	40	/* candidates fully compared */

/* A candidate: an article id and the posting keys it shared (shingle
 * keys count 3, term keys 1), packed in one integer so that radix sorts
 * order them.  Ids stay below 2^40 (a trillion articles). */
#define CAND_ID_BITS	40
#define CAND_ID_MASK	((UINT64_C(1) << CAND_ID_BITS) - 1)

struct cands {
	int64_t		 self;
	uint64_t	*v;	/* id << 1 | is a shingle key */
	size_t		 n, cap;
};

/* Every posting found, appended; best_candidates adds them up. */
static int
on_candidate(int64_t id, int64_t key, void *ctx)
{
	struct cands *c = ctx;

	if (id == c->self || id <= 0 || (uint64_t)id > CAND_ID_MASK)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = (uint64_t)id << 1 | (sim_key_is_shingle(key) ? 1 : 0);
	return 0;
}

/* Sum each article's hits, then order the articles by hits, most
 * first, and the newer first among equals: c->v becomes hits << 40 |
 * id, best first, and c->n their number.  Two radix sorts: a
 * comparison sort of the thousands of postings cost 5% of an import. */
static void
best_candidates(struct cands *c)
{
	size_t i, j, k;
	uint64_t id, hits, t;

	sort_u64(c->v, c->n);
	for (i = j = 0; i < c->n; i = k) {
		id = c->v[i] >> 1;
		for (hits = 0, k = i; k < c->n && c->v[k] >> 1 == id; k++)
			hits += c->v[k] & 1 ? 3 : 1;
		c->v[j++] = hits << CAND_ID_BITS | id;
	}
	c->n = j;
	sort_u64(c->v, c->n);
	for (i = 0, j = c->n; i < j / 2; i++) {
		t = c->v[i];
		c->v[i] = c->v[j - 1 - i];
		c->v[j - 1 - i] = t;
	}
}

struct scored {
	int64_t			id;
	struct sim_match	m;
};

static int
cmp_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->m.score != y->m.score)
		return x->m.score > y->m.score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static uint32_t
df_of(uint64_t term, void *ctx)
{
	return store_sim_df(ctx, term);
}

int
related_index(struct store *st, const struct sim_lexicon *lex,
    struct article *a, bool replaced, char **err)
{
	struct cands c = { .self = a->id };
	struct scored *best = NULL;
	struct sim_doc *doc = NULL;
	struct sim_sig *sig = NULL, *other, **sigs = NULL;
	int64_t *ids = NULL;
	size_t nsigs = 0;
	unsigned char *blob = NULL;
	const uint64_t *terms;
	size_t i, nbest = 0, nterms, bloblen;
	uint64_t ndocs;
	int rc = -1;

	if (replaced && store_sim_forget(st, a->id, err) != 0)
		goto out;
	if (store_sim_ndocs(st, &ndocs, err) != 0)
		goto out;
	doc = sim_doc_new(lex, a, false);
	sig = sim_sig_new(doc, df_of, st, ndocs);
	if (store_sim_candidates(st, sig->keys, sig->nkeys, sig->day,
	    WINDOW_DAYS, PER_KEY, on_candidate, &c, err) != 0)
		goto out;
	/* Compare the candidates that share the most keys. */
	best_candidates(&c);
	best = xcalloc(MAX_SCORED, sizeof *best);
	sigs = xcalloc(MAX_SCORED, sizeof *sigs);
	ids = xcalloc(MAX_SCORED, sizeof *ids);
	for (i = 0; i < c.n && i < MAX_SCORED; i++) {
		int64_t id = (int64_t)(c.v[i] & CAND_ID_MASK);
		void *ob = NULL;
		size_t olen = 0;
		int r = store_sim_sig(st, id, &ob, &olen, NULL, NULL, err);

		if (r == STORE_ENOTFOUND)
			continue;
		if (r != 0)
			goto out;
		other = sim_sig_decode(ob, olen);
		free(ob);
		if (other == NULL)
			continue;	/* written by another version */
		sigs[nsigs] = other;
		ids[nsigs] = id;
		nsigs++;
	}
	/* An undated copy or rewrite of a dated article was written when
	 * its source was: take that day for every other comparison, so a
	 * wire copy without a date still tells same-day coverage from
	 * follow-ups.  (The article's own published date stays unknown.) */
	if (sig->day == SIM_UNDATED) {
		for (i = 0; i < nsigs; i++) {
			struct sim_match m = sim_compare(sig, sigs[i]);

			if (m.label >= SIM_REWRITE && sigs[i]->day !=
			    SIM_UNDATED) {
				sig->day = sigs[i]->day;
				sig->weekday = sigs[i]->weekday;
				break;
			}
		}
	}
	for (i = 0; i < nsigs; i++) {
		best[nbest].id = ids[i];
		best[nbest].m = sim_compare(sig, sigs[i]);
		if (best[nbest].m.label != SIM_NONE)
			nbest++;
	}
	xqsort(best, nbest, sizeof *best, cmp_score);
	if (nbest > SIM_RELATED_MAX)
		nbest = SIM_RELATED_MAX;
	for (i = 0; i < nbest; i++) {
		const char *label = sim_label_name(best[i].m.label);

		/* Both directions: the new article also enters the list of
		 * each older one it beats (the store keeps the best 12).  Its
		 * own list was emptied above and takes at most 12. */
		if (store_related_add(st, a->id, best[i].id, best[i].m.score,
		    label, err) != 0 ||
		    store_related_put(st, best[i].id, a->id, best[i].m.score,
		    label, SIM_RELATED_MAX, err) != 0)
			goto out;
		if (best[i].m.label >= SIM_REWRITE &&
		    store_cluster_join(st, a->id, best[i].id, err) != 0)
			goto out;
	}
	sim_sig_encode(sig, &blob, &bloblen);
	if (store_sim_put(st, a->id, sig->day, blob, bloblen, sig->keys,
	    sig->nkeys, err) != 0)
		goto out;
	terms = sim_doc_terms(doc, &nterms);
	store_sim_df_add(st, terms, nterms, 1);
	rc = 0;
out:
	for (i = 0; i < nsigs; i++)
		sim_sig_free(sigs[i]);
	free(sigs);
	free(ids);
	free(blob);
	free(best);
	free(c.v);
	sim_sig_free(sig);
	sim_doc_free(doc);
	return rc;
}

int
related_reindex(struct store *st, const struct sim_lexicon *lex,
    related_progress_fn progress, void *ctx, char **err)
{
	struct store_batch b = { 0 };
	struct article *a = NULL;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc = -1;

	store_bulk(st);
	if (store_article_ids(st, &ids, &n, err) != 0)
		return -1;
	if (store_batch_begin(st, &b, err) != 0)
		goto out;
	if (store_sim_clear(st, err) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		int r;

		if (store_batch_begin(st, &b, err) != 0)
			goto out;
		r = store_article_get(st, ids[i], &a, err);
		if (r == STORE_ENOTFOUND)
			continue;
		if (r != 0 || related_index(st, lex, a, false, err) != 0)
			goto fail;
		article_free(a);
		a = NULL;
		store_batch_count(&b);
		if (store_batch_due(st, &b) && store_batch_commit(st, &b, err) != 0)
			goto out;
		if (progress != NULL)
			progress(i + 1, n, ctx);
	}
	rc = store_batch_commit(st, &b, err);
	goto out;
fail:
	store_rollback(st);
out:
	article_free(a);
	free(ids);
	return rc;
}
