/* related: keeps the stored related lists and duplicate clusters up to
 * date as articles arrive.  It is the only place that joins the pure
 * similarity engine (similar.h) to the store: features are computed here,
 * candidates come from the store's posting keys, scores from sim_compare,
 * and the results go back to the store.  No SQL, no terminal. */
#ifndef LEDE_RELATED_H
#define LEDE_RELATED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct article;
struct sim_lexicon;
struct store;

/* Index article a (already stored, a->id set): compute its signature,
 * find and score candidates among the articles indexed before it, store
 * its related list, offer it to the lists of the articles it matches, and
 * join duplicate clusters.  With replaced, first forget what an earlier
 * version of a left behind.  Must run inside the import's transaction.
 * Returns 0, or -1 with *err on a store error (roll back the batch). */
int related_index(struct store *st, const struct sim_lexicon *lex,
    struct article *a, bool replaced, char **err);

/* Called after each article of a reindex. */
typedef void (*related_progress_fn)(size_t done, size_t total, void *ctx);

/* Throw away all similarity data and index every article again, oldest
 * first, in transactions of a few hundred articles. */
int related_reindex(struct store *st, const struct sim_lexicon *lex,
    related_progress_fn progress, void *ctx, char **err);

#endif
