/*
 * gencorpus.c: a deterministic synthetic news corpus for lede's import and similarity benchmarks.
 *
 * It writes N plain-text articles in the seed format lede imports (date header, boilerplate,
 * headline, dek, byline, dateline, captions), grouped into stories, with planted near-duplicates
 * (wire copies, trimmed copies, synonym rewrites), plus DIR/truth.tsv saying which is which.
 * Output depends only on -n and -s: our own PRNG and integer arithmetic, no rand(), no clock,
 * no locale, no floating point.  It reads nothing; it does not use the seeds or Reuters texts.
 * Keep at most one PRNG draw per expression outside ?:, && and ||: C leaves the order of
 * evaluation of arguments and operands unspecified, and gcc and clang differ.
 *
 *   cc -O2 -std=c11 -Wall -Wextra -o gencorpus bench/gencorpus.c
 *   ./gencorpus -n 10000 -s 1 -o /tmp/corpus
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_N 10000000L          /* keeps paths at DIR/NNNN/NNNNNNN.txt */
#define FILES_PER_DIR 1000
#define WINDOW 1024              /* copies take their source from the last WINDOW articles */
#define POOL 40                  /* stories being written about at any one time */
#define DAYS 731                 /* day 0 = 2024-01-01, day 730 = 2025-12-31 */

/* Rates in per mille of all articles, and shares of the planted duplicates. */
#define DUP_PM 100               /* 10% of articles are copies, trims or rewrites */
#define DUP_COPY_PM 400          /* of those: 40% wire copies, */
#define DUP_TRIM_PM 300          /* 30% trimmed copies, the rest (30%) rewrites */
#define CHAIN_PM 300             /* 30% of copies take a recent copy as source (chains) */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gencorpus: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- PRNG: xoshiro256** seeded through splitmix64 ---------------------------------------- */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n); the multiply-shift bias is below 2^-32, which is fine here. */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static int
chance(struct rng *r, int per_mille)
{
	return (int)rng_below(r, 1000) < per_mille;
}

/* Index drawn from integer weights. */
static int
pick_weighted(struct rng *r, const int *w, int n)
{
	int total = 0, x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = (int)rng_below(r, (uint32_t)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[rng_below((r), (uint32_t)ARRAY_LEN(a))])

/* ---- growable byte buffer ------------------------------------------------------------------ */

struct buf {
	char *p;
	size_t len, cap;
};

static void
buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 256;

		while (c < b->len + extra + 1)
			c *= 2;
		b->p = xrealloc(b->p, c);
		b->cap = c;
	}
}

static void
buf_addn(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_adds(struct buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

static void
buf_addc(struct buf *b, char c)
{
	buf_addn(b, &c, 1);
}

static void
buf_truncate(struct buf *b, size_t len)
{
	b->len = len;
	if (b->p)
		b->p[len] = '\0';
}

/* Decimal, with thousands separators when grouped ("8,500"). */
static void
buf_addnum(struct buf *b, unsigned long v, int grouped)
{
	char tmp[32];
	int n = 0, digits = 0;

	do {
		if (grouped && digits > 0 && digits % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
		digits++;
	} while (v);
	while (n > 0)
		buf_addc(b, tmp[--n]);
}

static int
ends_with(const struct buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len >= n && memcmp(b->p + b->len - n, s, n) == 0;
}

/* ---- string set and synonym map (FNV-1a, open addressing, fixed size) ---------------------- */

#define SET_CAP 65536            /* power of two, well above the ~10,000 words we store */

static uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

struct strmap {
	const char *key[SET_CAP];
	const char *val[SET_CAP];
	int n;
};

/* Slot holding key[0..n), or the empty slot where it would go. */
static uint32_t
map_slot(const struct strmap *m, const char *k, size_t n)
{
	uint32_t i = fnv1a(k, n) & (SET_CAP - 1);

	while (m->key[i] && (strlen(m->key[i]) != n || memcmp(m->key[i], k, n) != 0))
		i = (i + 1) & (SET_CAP - 1);
	return i;
}

static const char *
map_get(const struct strmap *m, const char *k, size_t n)
{
	uint32_t i = map_slot(m, k, n);

	return m->key[i] ? m->val[i] : NULL;
}

/* Adds k (kept by pointer); returns 0 if it was already there. */
static int
map_put(struct strmap *m, const char *k, const char *v)
{
	uint32_t i = map_slot(m, k, strlen(k));

	if (m->key[i])
		return 0;
	if (m->n >= SET_CAP / 2)
		die("internal error: word table full");
	m->key[i] = k;
	m->val[i] = v;
	m->n++;
	return 1;
}

/* ---- vocabulary: real English words ------------------------------------------------------- */

struct verb {
	const char *base, *past, *pres;
};

static const char *const real_noun_sg[] = {
	"government", "plan", "deal", "agreement", "report", "statement", "meeting", "crisis",
	"conflict", "war", "attack", "fire", "storm", "flood", "border", "economy", "market",
	"company", "bank", "price", "budget", "tax", "school", "hospital", "road", "bridge", "port",
	"airport", "river", "coast", "island", "province", "capital", "parliament", "council",
	"committee", "party", "leader", "spokesman", "agency", "ministry", "army",
	"court", "election", "vote", "law", "investigation", "inquiry", "trial", "case",
	"decision", "proposal", "policy", "reform", "protest", "strike", "union", "energy", "oil",
	"gas", "power", "electricity", "supply", "shortage", "drought", "harvest", "food", "aid",
	"support", "pressure", "threat", "risk", "warning", "response", "demand", "issue",
	"question", "problem", "concern", "effort", "move", "change", "increase", "decline",
	"loss", "damage", "cost", "contract", "sector", "industry", "network", "site", "area",
	"district", "community", "population", "water", "country", "city", "region", "village",
	"town", "system", "project", "program", "weapon", "ship", "plant", "factory", "mine",
	"pipeline", "railway", "station", "building", "operation", "mission", "process",
	"situation", "security", "safety", "health", "future", "alliance", "coalition",
	"opposition", "administration", "regulator", "dispute", "ceasefire", "shipment",
	"evacuation", "outbreak", "vaccine", "debt", "loan", "deficit", "currency", "export",
	"import", "tariff", "wage", "pension", "housing", "rent", "transport", "ferry", "dam",
	"reservoir", "well", "canal", "highway", "tunnel", "wildfire", "earthquake", "landslide",
};

static const char *const real_noun_pl[] = {
	"officials", "residents", "troops", "workers", "lawmakers", "analysts", "protesters",
	"investigators", "farmers", "families", "students", "doctors", "patients", "voters",
	"critics", "supporters", "authorities", "prosecutors", "firefighters", "soldiers",
	"rebels", "refugees", "companies", "banks", "hospitals", "schools", "homes", "villages",
	"roads", "weapons", "ships", "talks", "sanctions", "negotiations", "measures", "services",
	"prices", "funds", "plans", "reports", "forces", "leaders", "members", "experts",
	"officers", "journalists", "children", "people", "citizens", "diplomats", "engineers",
	"teachers", "businesses", "countries", "cities", "towns", "communities", "neighbors",
	"allies", "partners", "concerns", "demands", "issues", "efforts", "wars", "reporters",
	"investors", "shareholders", "tenants", "pensioners", "migrants", "volunteers",
	"contractors", "inspectors", "judges", "ministers", "regulators", "suppliers",
};

static const char *const real_adj[] = {
	"new", "former", "local", "senior", "national", "regional", "international", "foreign",
	"public", "political", "economic", "military", "major", "key", "main", "large", "small",
	"recent", "previous", "possible", "potential", "significant", "serious", "strong",
	"weak", "high", "low", "final", "early", "late", "long", "short", "official",
	"independent", "private", "federal", "joint", "initial", "annual", "emergency", "urgent",
	"critical", "controversial", "proposed", "unprecedented", "growing", "ongoing", "fresh",
	"renewed", "broad", "limited", "temporary", "permanent", "heavy", "severe", "sharp",
	"modest", "rural", "urban", "northern", "southern", "eastern", "western", "central",
	"coastal", "financial", "legal", "environmental", "diplomatic", "nuclear", "rising",
	"deadly", "disputed", "crucial", "widespread",
};

static const char *const real_adv[] = {
	"also", "still", "already", "later", "again", "repeatedly", "publicly", "quickly",
	"recently", "eventually", "reportedly", "formally", "largely", "immediately",
	"currently", "initially", "briefly", "sharply", "quietly", "privately",
};

static const struct verb real_verbs[] = {
	{"reject", "rejected", "rejects"}, {"approve", "approved", "approves"},
	{"announce", "announced", "announces"}, {"launch", "launched", "launches"},
	{"accept", "accepted", "accepts"}, {"criticize", "criticized", "criticizes"},
	{"support", "supported", "supports"}, {"oppose", "opposed", "opposes"},
	{"propose", "proposed", "proposes"}, {"consider", "considered", "considers"},
	{"discuss", "discussed", "discusses"}, {"review", "reviewed", "reviews"},
	{"expand", "expanded", "expands"}, {"reduce", "reduced", "reduces"},
	{"increase", "increased", "increases"}, {"delay", "delayed", "delays"},
	{"suspend", "suspended", "suspends"}, {"block", "blocked", "blocks"},
	{"restore", "restored", "restores"}, {"confirm", "confirmed", "confirms"},
	{"deny", "denied", "denies"}, {"defend", "defended", "defends"},
	{"demand", "demanded", "demands"}, {"seek", "sought", "seeks"},
	{"receive", "received", "receives"}, {"send", "sent", "sends"},
	{"deliver", "delivered", "delivers"}, {"deploy", "deployed", "deploys"},
	{"build", "built", "builds"}, {"close", "closed", "closes"},
	{"open", "opened", "opens"}, {"sign", "signed", "signs"},
	{"complete", "completed", "completes"}, {"lose", "lost", "loses"},
	{"win", "won", "wins"}, {"hold", "held", "holds"}, {"visit", "visited", "visits"},
	{"urge", "urged", "urges"}, {"promise", "promised", "promises"},
	{"prepare", "prepared", "prepares"}, {"require", "required", "requires"},
	{"cut", "cut", "cuts"}, {"raise", "raised", "raises"}, {"ban", "banned", "bans"},
	{"limit", "limited", "limits"}, {"order", "ordered", "orders"},
	{"investigate", "investigated", "investigates"}, {"arrest", "arrested", "arrests"},
	{"charge", "charged", "charges"}, {"release", "released", "releases"},
	{"evacuate", "evacuated", "evacuates"}, {"destroy", "destroyed", "destroys"},
	{"protect", "protected", "protects"}, {"fund", "funded", "funds"},
	{"question", "questioned", "questions"}, {"extend", "extended", "extends"},
	{"end", "ended", "ends"}, {"halt", "halted", "halts"}, {"resume", "resumed", "resumes"},
	{"welcome", "welcomed", "welcomes"}, {"condemn", "condemned", "condemns"},
	{"praise", "praised", "praises"}, {"blame", "blamed", "blames"},
	{"accuse", "accused", "accuses"}, {"repair", "repaired", "repairs"},
	{"inspect", "inspected", "inspects"}, {"warn", "warned", "warns"},
	{"postpone", "postponed", "postpones"}, {"challenge", "challenged", "challenges"},
};

static const char *const speech_verbs[] = {
	"said", "said", "said", "said", "said", "added", "warned", "noted", "stressed", "insisted",
	"acknowledged", "argued", "explained", "claimed", "announced", "confirmed", "suggested",
};

static const char *const preps[] = {
	"in", "in", "on", "at", "near", "across", "over", "amid", "after", "before", "during",
	"against", "despite", "following", "under", "with", "for", "from", "toward", "around",
	"without", "about", "in", "on", "for",
};

static const char *const time_phrases[] = {
	"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
	"on Sunday", "last week", "earlier this month", "late on Thursday", "this year",
	"last year", "in recent days", "overnight", "early on Friday", "on Saturday evening",
	"two days later", "over the weekend", "in the coming weeks", "next month", "this week",
	"on Wednesday morning", "earlier in the day", "for the first time", "last month",
	"in the past year", "since January", "by the end of the year",
};

static const char *const det_pl[] = {
	"several", "many", "some", "two", "three", "four", "dozens of", "hundreds of",
	"thousands of", "its", "their", "other", "the", "the", "the",
};

/* Words that can start a sentence, besides the lists above. */
static const char *const function_words[] = {
	"the", "a", "an", "it", "there", "according", "several", "many", "some", "two", "three",
	"four", "dozens", "hundreds", "thousands", "its", "their", "other", "police", "more",
	"this", "that", "if", "we", "our", "nobody", "they", "he", "she", "i",
};

static const char *const actors[] = {
	"the government", "police", "the ministry", "the company", "the council",
	"the opposition", "the administration", "the court", "the agency", "the military",
	"the country", "the city", "the committee", "prosecutors", "officials",
};

static const char *const roles[] = {
	"Foreign Minister", "Interior Minister", "Prime Minister", "Mayor", "Governor",
	"police spokesman", "government spokeswoman", "Deputy Foreign Minister", "President",
	"opposition leader", "Finance Minister", "union leader", "regional governor",
	"Defense Minister", "Health Minister", "Energy Minister", "chief executive",
	"Senator", "Justice Minister", "army spokesman", "council member", "lawyer",
	"analyst", "professor", "resident", "farmer", "activist",
};

static const char *const org_heads[] = {
	"Energy", "Water", "Defense", "Health", "Finance", "Agriculture", "Transport", "Justice",
	"Interior", "Education", "Labor", "Foreign Affairs", "Trade", "Environment",
};

static const char *const org_tails[] = {
	"City Council", "Water Authority", "Port Authority", "Electoral Commission",
	"Chamber of Commerce", "Regional Assembly", "Workers Union", "Police Department",
	"Red Cross", "Power Company", "Farmers Association", "Supreme Court",
};

static const char *const firm_tails[] = {
	"Holdings", "Group", "Industries", "Energy", "Mining", "Logistics", "Bank", "Partners",
};

/* Synonym table for rewrites: at least 150 pairs, keys lowercase, all found in generated text. */
static const char *const synonyms[][2] = {
	{"said", "mentioned"}, {"says", "mentions"}, {"told", "informed"}, {"added", "continued"},
	{"warned", "cautioned"}, {"stressed", "emphasized"}, {"insisted", "maintained"},
	{"acknowledged", "admitted"}, {"argued", "contended"}, {"explained", "clarified"},
	{"claimed", "asserted"}, {"announced", "declared"}, {"confirmed", "verified"},
	{"suggested", "indicated"}, {"war", "struggle"}, {"wars", "struggles"},
	{"country", "nation"}, {"countries", "nations"}, {"military", "army"},
	{"government", "authorities"}, {"before", "earlier than"}, {"in", "within"},
	{"officials", "representatives"}, {"residents", "inhabitants"}, {"troops", "soldiers"},
	{"soldiers", "troops"}, {"workers", "employees"}, {"lawmakers", "legislators"},
	{"protesters", "demonstrators"}, {"investigators", "detectives"}, {"critics", "opponents"},
	{"supporters", "backers"}, {"people", "individuals"}, {"children", "kids"},
	{"plan", "scheme"}, {"plans", "schemes"}, {"deal", "settlement"},
	{"agreement", "accord"}, {"report", "account"}, {"statement", "announcement"},
	{"meeting", "assembly"}, {"crisis", "disaster"}, {"conflict", "battle"},
	{"attack", "assault"}, {"storm", "squall"}, {"flood", "deluge"}, {"border", "frontier"},
	{"economy", "financial system"}, {"market", "marketplace"}, {"company", "firm"},
	{"companies", "firms"}, {"price", "value"}, {"prices", "costs"}, {"budget", "finances"},
	{"school", "college"}, {"hospital", "clinic"}, {"road", "highway"}, {"bridge", "crossing"},
	{"port", "harbor"}, {"river", "waterway"}, {"coast", "shoreline"},
	{"province", "territory"}, {"parliament", "legislature"}, {"council", "board"},
	{"committee", "panel"}, {"leader", "chief"}, {"leaders", "chiefs"},
	{"spokesman", "spokesperson"}, {"agency", "bureau"}, {"ministry", "department"},
	{"court", "tribunal"}, {"election", "poll"}, {"law", "legislation"},
	{"investigation", "probe"}, {"inquiry", "investigation"}, {"trial", "hearing"},
	{"decision", "ruling"}, {"proposal", "suggestion"}, {"policy", "coverage"},
	{"reform", "overhaul"}, {"protest", "demonstration"}, {"strike", "walkout"},
	{"energy", "power"}, {"shortage", "scarcity"}, {"drought", "dry spell"},
	{"harvest", "crop"}, {"food", "provisions"}, {"aid", "assistance"},
	{"support", "backing"}, {"pressure", "stress"}, {"threat", "menace"}, {"risk", "danger"},
	{"warning", "alert"}, {"response", "reply"}, {"demand", "call"},
	{"demands", "calls for"}, {"issue", "matter"}, {"issues", "points"},
	{"question", "query"}, {"problem", "difficulty"}, {"concern", "worry"},
	{"concerns", "worries"}, {"effort", "attempt"}, {"efforts", "attempts"},
	{"change", "shift"}, {"increase", "rise"}, {"decline", "drop"}, {"loss", "setback"},
	{"damage", "harm"}, {"cost", "expense"}, {"contract", "arrangement"},
	{"sector", "field"}, {"industry", "trade"}, {"area", "zone"}, {"region", "area"},
	{"district", "quarter"}, {"community", "neighborhood"}, {"city", "metropolis"},
	{"town", "township"}, {"village", "hamlet"}, {"system", "mechanism"},
	{"project", "venture"}, {"program", "programme"}, {"weapons", "arms"},
	{"ship", "vessel"}, {"ships", "vessels"}, {"plant", "facility"}, {"factory", "works"},
	{"building", "structure"}, {"operation", "campaign"}, {"mission", "assignment"},
	{"situation", "scenario"}, {"security", "safety"}, {"alliance", "bloc"},
	{"forces", "units"}, {"members", "participants"}, {"experts", "specialists"},
	{"journalists", "correspondents"}, {"reporters", "journalists"},
	{"talks", "discussions"}, {"negotiations", "talks"}, {"sanctions", "penalties"},
	{"measures", "steps"}, {"families", "households"}, {"homes", "houses"},
	{"citizens", "nationals"}, {"allies", "partners"}, {"rejected", "dismissed"},
	{"approved", "authorized"}, {"launched", "started"}, {"accepted", "agreed to"},
	{"criticized", "faulted"}, {"supported", "backed"}, {"opposed", "resisted"},
	{"proposed", "put forward"}, {"considered", "weighed"}, {"discussed", "debated"},
	{"reviewed", "examined"}, {"expanded", "broadened"}, {"reduced", "lowered"},
	{"increased", "raised"}, {"delayed", "postponed"}, {"suspended", "paused"},
	{"blocked", "obstructed"}, {"restored", "reinstated"}, {"denied", "refuted"},
	{"defended", "upheld"}, {"demanded", "called for"}, {"sought", "pursued"},
	{"received", "obtained"}, {"sent", "dispatched"}, {"delivered", "handed over"},
	{"deployed", "stationed"}, {"built", "constructed"}, {"closed", "shut"},
	{"opened", "unveiled"}, {"signed", "inked"}, {"completed", "finished"},
	{"lost", "forfeited"}, {"won", "secured"}, {"held", "conducted"}, {"visited", "toured"},
	{"urged", "pressed"}, {"promised", "pledged"}, {"prepared", "readied"},
	{"required", "needed"}, {"ordered", "directed"}, {"investigated", "probed"},
	{"arrested", "detained"}, {"charged", "indicted"}, {"released", "freed"},
	{"evacuated", "cleared"}, {"destroyed", "wrecked"}, {"protected", "shielded"},
	{"funded", "financed"}, {"questioned", "challenged"}, {"extended", "prolonged"},
	{"ended", "concluded"}, {"halted", "stopped"}, {"resumed", "restarted"},
	{"welcomed", "embraced"}, {"condemned", "denounced"}, {"praised", "lauded"},
	{"blamed", "faulted"}, {"accused", "charged"}, {"new", "fresh"}, {"former", "onetime"},
	{"local", "area"}, {"senior", "high-ranking"}, {"national", "nationwide"},
	{"international", "global"}, {"foreign", "overseas"}, {"public", "civic"},
	{"political", "partisan"}, {"economic", "financial"}, {"major", "significant"},
	{"key", "main"}, {"main", "predominant"}, {"large", "big"}, {"small", "minor"},
	{"recent", "latest"}, {"possible", "potential"}, {"potential", "possible"},
	{"significant", "substantial"}, {"serious", "severe"}, {"strong", "powerful"},
	{"weak", "feeble"}, {"high", "elevated"}, {"low", "reduced"}, {"final", "last"},
	{"early", "initial"}, {"late", "belated"}, {"long", "lengthy"}, {"short", "brief"},
	{"independent", "autonomous"}, {"private", "personal"}, {"joint", "combined"},
	{"initial", "preliminary"}, {"emergency", "urgent"}, {"urgent", "pressing"},
	{"critical", "crucial"}, {"controversial", "contentious"},
	{"unprecedented", "exceptional"}, {"growing", "mounting"}, {"ongoing", "continuing"},
	{"renewed", "revived"}, {"broad", "wide"}, {"limited", "restricted"},
	{"temporary", "interim"}, {"heavy", "hefty"}, {"severe", "harsh"}, {"sharp", "steep"},
	{"modest", "moderate"}, {"deadly", "fatal"}, {"widespread", "extensive"},
	{"also", "additionally"}, {"still", "nonetheless"}, {"already", "previously"},
	{"later", "subsequently"}, {"again", "once more"}, {"repeatedly", "continually"},
	{"publicly", "openly"}, {"quickly", "rapidly"}, {"recently", "lately"},
	{"eventually", "ultimately"}, {"reportedly", "allegedly"}, {"formally", "officially"},
	{"largely", "mostly"}, {"immediately", "instantly"}, {"currently", "presently"},
	{"but", "yet"}, {"while", "whereas"}, {"after", "following"}, {"during", "throughout"},
	{"near", "close to"}, {"amid", "amidst"}, {"despite", "in spite of"},
	{"about", "regarding"}, {"under", "underneath"}, {"thousands", "hundreds"},
	{"many", "numerous"}, {"several", "a number of"}, {"dozens", "scores"},
	{"reject", "dismiss"}, {"supports", "backs"}, {"help", "assist"}, {"need", "require"},
	{"want", "wish for"}, {"believe", "think"}, {"hope", "expect"},
};

/* ---- vocabulary: pseudo-words and names built from syllables ------------------------------ */

static const char *const onsets[] = {
	"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
	"br", "ch", "cr", "dr", "gr", "pr", "sh", "st", "tr", "th", "b", "d", "k", "l", "m", "n",
	"r", "s", "t", "v", "l", "m", "n", "r", "p", "g",
};
static const char *const vowels[] = {
	"a", "e", "i", "o", "u", "a", "e", "o", "a", "i", "e", "o", "a", "ai", "ou", "ea",
};
static const char *const codas[] = {
	"", "", "", "", "", "", "", "", "n", "r", "l", "s", "m", "t", "nd", "rn", "st", "k", "n",
	"r", "l",
};

struct zipf {
	int n;
	uint64_t *cum;          /* cumulative integer weights 2^32 / (rank + 2) */
};

static void
zipf_init(struct zipf *z, int n)
{
	uint64_t sum = 0;

	z->n = n;
	z->cum = xrealloc(NULL, (size_t)n * sizeof(*z->cum));
	for (int k = 0; k < n; k++) {
		sum += ((uint64_t)1 << 32) / (uint64_t)(k + 2);
		z->cum[k] = sum;
	}
}

static int
zipf_pick(struct rng *r, const struct zipf *z)
{
	uint64_t x = rng_next(r) % z->cum[z->n - 1];
	int lo = 0, hi = z->n - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (z->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

struct wordlist {
	const char **w;
	int n;
	struct zipf z;
};

static const char *
wl_zipf(struct rng *r, const struct wordlist *wl)
{
	return wl->w[zipf_pick(r, &wl->z)];
}

static const char *
wl_any(struct rng *r, const struct wordlist *wl)
{
	return wl->w[rng_below(r, (uint32_t)wl->n)];
}

static struct {
	struct strmap known;    /* every word used, so pseudo-words never collide */
	struct strmap real;     /* real English words: a capitalised one starting a sentence is no name */
	struct strmap syn;      /* synonym table */
	struct wordlist rsg, rpl, radj, radv;
	struct zipf rverb;
	struct wordlist psg, ppl, padj, first, last, place;
	struct verb *pverb;
	int npverb;
	struct zipf pverb_z;
} V;

static void
wl_from_static(struct wordlist *wl, const char *const *w, int n)
{
	wl->w = (const char **)w;
	wl->n = n;
	zipf_init(&wl->z, n);
	for (int i = 0; i < n; i++) {
		map_put(&V.known, w[i], w[i]);
		map_put(&V.real, w[i], w[i]);
	}
}

/* A pronounceable lowercase stem of nsyl syllables. */
static void
make_stem(struct rng *r, char *out, size_t cap, int nsyl)
{
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < nsyl; i++) {
		const char *on = (i == 0 && chance(r, 150)) ? "" : PICK(r, onsets);
		const char *vo = PICK(r, vowels);
		const char *co = (i + 1 < nsyl && chance(r, 650)) ? "" : PICK(r, codas);

		n += (size_t)snprintf(out + n, cap - n, "%s%s%s", on, vo, co);
		if (n >= cap)
			die("internal error: stem too long");
	}
}

/* A new unique word: stem of 1-3 syllables plus one of the suffixes, capitalised if asked. */
static const char *
make_word(struct rng *r, const char *const *suffix, int nsuffix, int cap)
{
	char stem[96], word[96];

	for (;;) {
		int nsyl = pick_weighted(r, (const int[]){10, 72, 18}, 3) + 1;

		make_stem(r, stem, sizeof(stem), nsyl);
		snprintf(word, sizeof(word), "%s%s", stem, suffix[rng_below(r, (uint32_t)nsuffix)]);
		if (cap)
			word[0] = (char)(word[0] - 'a' + 'A');
		if (strlen(word) < 4 || strlen(word) > 11)
			continue;
		/* Names must not match a common word either, even at a sentence start. */
		stem[0] = (char)(word[0] | 0x20);
		snprintf(stem + 1, sizeof(stem) - 1, "%s", word + 1);
		if (map_get(&V.known, word, strlen(word)) == NULL &&
		    map_get(&V.known, stem, strlen(stem)) == NULL) {
			char *w = xstrdup(word);

			map_put(&V.known, w, w);
			if (cap)
				map_put(&V.known, xstrdup(stem), w);
			return w;
		}
	}
}

static void
wl_make(struct rng *r, struct wordlist *wl, int n, const char *const *suf, int nsuf, int cap)
{
	wl->w = xrealloc(NULL, (size_t)n * sizeof(*wl->w));
	wl->n = n;
	for (int i = 0; i < n; i++)
		wl->w[i] = make_word(r, suf, nsuf, cap);
	zipf_init(&wl->z, n);
}

static char *
concat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = xrealloc(NULL, na + nb + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb + 1);
	return s;
}

/*
 * The vocabulary does not depend on -s: corpora with different seeds share one language.
 * About 9,000 pseudo-words and names; with the Zipf draw, unrelated articles share the
 * frequent real words but few content words.
 */
static void
vocab_init(void)
{
	static const char *const noun_suf[] = {"", "", "", "", "", "", "", "", "tion", "ment",
		"ance", "ity", "er", "age", "ery", "ism"};
	static const char *const adj_suf[] = {"al", "ic", "ous", "ive", "ary", "ian", "ful",
		"ent", "ile", "ish"};
	static const char *const first_suf[] = {"a", "o", "an", "el", "ina", "ek", "i", "as",
		"en", "ia", "ir", "on"};
	static const char *const last_suf[] = {"enko", "ov", "ova", "son", "ez", "ski", "ani",
		"escu", "ic", "berg", "ler", "is", "opoulos", "", "", "", "er", "ard"};
	static const char *const place_suf[] = {"a", "ia", "grad", "burg", "ton", "stan", "vale",
		"port", "ora", "ville", "sk", "", "", "", "ino", "heim"};
	static const char *const verb_suf[] = {"ate", "ize", "en", "ate", "ize", "er"};
	struct rng r;

	rng_seed(&r, 0x6c6564652d766f63ULL);        /* "lede-voc" */
	wl_from_static(&V.rsg, real_noun_sg, ARRAY_LEN(real_noun_sg));
	wl_from_static(&V.rpl, real_noun_pl, ARRAY_LEN(real_noun_pl));
	wl_from_static(&V.radj, real_adj, ARRAY_LEN(real_adj));
	wl_from_static(&V.radv, real_adv, ARRAY_LEN(real_adv));
	zipf_init(&V.rverb, ARRAY_LEN(real_verbs));
	for (int i = 0; i < ARRAY_LEN(real_verbs); i++) {
		const char *f[3] = {real_verbs[i].base, real_verbs[i].past, real_verbs[i].pres};

		for (int k = 0; k < 3; k++) {
			map_put(&V.known, f[k], f[k]);
			map_put(&V.real, f[k], f[k]);
		}
	}
	for (int i = 0; i < ARRAY_LEN(synonyms); i++) {
		if (!map_put(&V.syn, synonyms[i][0], synonyms[i][1]))
			die("internal error: synonym '%s' listed twice", synonyms[i][0]);
		map_put(&V.known, synonyms[i][0], synonyms[i][0]);
		map_put(&V.known, synonyms[i][1], synonyms[i][1]);
		map_put(&V.real, synonyms[i][0], synonyms[i][0]);
	}
	for (int i = 0; i < ARRAY_LEN(preps); i++) {
		map_put(&V.known, preps[i], preps[i]);
		map_put(&V.real, preps[i], preps[i]);
	}
	for (int i = 0; i < ARRAY_LEN(function_words); i++) {
		map_put(&V.known, function_words[i], function_words[i]);
		map_put(&V.real, function_words[i], function_words[i]);
	}

	wl_make(&r, &V.psg, 3000, noun_suf, ARRAY_LEN(noun_suf), 0);
	V.ppl.n = V.psg.n;
	V.ppl.w = xrealloc(NULL, (size_t)V.ppl.n * sizeof(*V.ppl.w));
	for (int i = 0; i < V.psg.n; i++) {
		const char *s = V.psg.w[i];
		size_t n = strlen(s);
		int es = s[n - 1] == 's' || s[n - 1] == 'x' || (n > 1 && s[n - 1] == 'h');

		V.ppl.w[i] = concat(s, es ? "es" : "s");
	}
	V.ppl.z = V.psg.z;
	wl_make(&r, &V.padj, 800, adj_suf, ARRAY_LEN(adj_suf), 0);
	wl_make(&r, &V.first, 700, first_suf, ARRAY_LEN(first_suf), 1);
	wl_make(&r, &V.last, 2000, last_suf, ARRAY_LEN(last_suf), 1);
	wl_make(&r, &V.place, 1500, place_suf, ARRAY_LEN(place_suf), 1);

	V.npverb = 700;
	V.pverb = xrealloc(NULL, (size_t)V.npverb * sizeof(*V.pverb));
	for (int i = 0; i < V.npverb; i++) {
		const char *base = make_word(&r, verb_suf, ARRAY_LEN(verb_suf), 0);

		V.pverb[i].base = base;
		V.pverb[i].past = concat(base, base[strlen(base) - 1] == 'e' ? "d" : "ed");
		V.pverb[i].pres = concat(base, "s");
	}
	zipf_init(&V.pverb_z, V.npverb);
}

/* ---- dates --------------------------------------------------------------------------------- */

struct date {
	int y, m, d, wday;      /* wday 0 = Sunday */
};

/* Day index (0 = 2024-01-01) to civil date, after H. Hinnant's days_from_civil inverse. */
static struct date
day_date(int day)
{
	long z = 19723L + day + 719468L;         /* 19723 = days from 1970-01-01 to 2024-01-01 */
	long era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date dt;

	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	dt.wday = (int)((19723L + day + 4) % 7);
	return dt;
}

static const char *const weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday"};
static const char *const ap_months[] = {"Jan.", "Feb.", "March", "April", "May", "June", "July",
	"Aug.", "Sept.", "Oct.", "Nov.", "Dec."};

/* ---- outlets and boilerplate ---------------------------------------------------------------- */

struct outlet {
	const char *name, *abbr;
	int wire;
};

static const struct outlet outlets[] = {
	{"Meridian Wire", "MW", 1}, {"Continental Press Service", "CPS", 1},
	{"Atlas News Agency", "ANA", 1}, {"United Newswire", "UN", 1},
	{"The Harbor Ledger", "HL", 0}, {"Northfield Tribune", "NT", 0},
	{"The Daily Courier", "DC", 0}, {"Eastbrook Herald", "EH", 0},
	{"The Capital Observer", "CO", 0}, {"Riverside Gazette", "RG", 0},
	{"Pacific Rim Journal", "PRJ", 0}, {"Global Affairs Review", "GAR", 0},
	{"The Morning Chronicle", "MC", 0}, {"Lakeshore Times", "LT", 0},
	{"Valley Sentinel", "VS", 0}, {"Metro Dispatch", "MD", 0},
	{"The Sunday Examiner", "SE", 0}, {"Westgate Record", "WR", 0},
	{"Summit Daily", "SD", 0}, {"Coastal Beacon", "CB", 0},
	{"Stars and Banners", "S&B", 0}, {"The Evening Post", "EP", 0},
};
#define NWIRES 4

static const char *const bp_top[] = {
	"Skip to main contentSkip to main content", "Skip to main content", "Support our mission",
	"Advertisement", "Subscribe now", "Menu", "Listen to this article", "Share this article",
};
static const char *const bp_mid[] = {
	"People also read…", "Advertisement", "Story continues below advertisement", "___",
	"RELATED COVERAGE", "Read more:", "Sign up for our morning newsletter",
};

/* ---- the story model: entities shared by all coverage of one event ------------------------ */

#define MAXPERSON 4

struct person {
	const char *first, *last, *role;
	int female;
};

struct org {
	char name[80];
	int the;                /* needs "the" in running text */
};

struct story {
	int id, size, written, base_day, span;
	int nperson, nplace, norg, nquote;
	struct person person[MAXPERSON];
	const char *place[2];
	struct org org[2];
	char number[64];        /* "8,500 troops" */
	char quote[3][360];     /* verbatim quote text, ends with . ? or ! */
	int speaker[3];
	const char *tsg[8], *tpl[8], *tadj[3];
	const struct verb *tverb[2];
};

/* ---- text generation context --------------------------------------------------------------- */

struct ctx {
	struct rng *r;
	const struct story *st;
	struct buf *b;
	size_t sstart;          /* start of the current sentence in b */
	int words;              /* words in the current sentence */
	unsigned mentioned;     /* persons already introduced by full name */
	int no_persons;         /* inside quotes: no named people */
	int subj_person, subj_org;      /* last person/org named, so the next differs; -1 = none */
	const char *last_place;         /* likewise for places */
};

/* Append a word (or words), with a space unless at a sentence start or after an opening quote. */
static void
w(struct ctx *c, const char *s)
{
	struct buf *b = c->b;
	size_t n = 0;
	int words = 1;

	for (; s[n]; n++)
		words += s[n] == ' ';
	buf_reserve(b, n + 1);
	if (b->len > c->sstart && b->p[b->len - 1] != ' ' && !ends_with(b, "“"))
		b->p[b->len++] = ' ';
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
	c->words += words;
}

static void
punct(struct ctx *c, const char *s)
{
	buf_adds(c->b, s);
}

static const char *
art(const char *next)
{
	return strchr("aeiouAEIOU", next[0]) ? "an" : "a";
}

static const char *
pick_sg(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 22)
		return c->st->tsg[rng_below(c->r, 8)];
	if (x < 72)
		return wl_zipf(c->r, &V.rsg);
	return wl_zipf(c->r, &V.psg);
}

static const char *
pick_pl(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 15)
		return c->st->tpl[rng_below(c->r, 8)];
	if (x < 80)
		return wl_zipf(c->r, &V.rpl);
	return wl_zipf(c->r, &V.ppl);
}

static const char *
pick_adj(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 18)
		return c->st->tadj[rng_below(c->r, 3)];
	if (x < 75)
		return wl_zipf(c->r, &V.radj);
	return wl_zipf(c->r, &V.padj);
}

static const struct verb *
pick_verb(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 12)
		return c->st->tverb[rng_below(c->r, 2)];
	if (x < 80)
		return &real_verbs[zipf_pick(c->r, &V.rverb)];
	return &V.pverb[zipf_pick(c->r, &V.pverb_z)];
}

static const char *
pick_place(struct ctx *c)
{
	const char *p = c->st->place[rng_below(c->r, (uint32_t)c->st->nplace)];

	if (p == c->last_place || chance(c->r, 200))
		p = wl_zipf(c->r, &V.place);
	if (p == c->last_place)
		p = wl_any(c->r, &V.place);
	c->last_place = p;
	return p;
}

static void
person(struct ctx *c, int k)
{
	const struct person *p = &c->st->person[k];

	if (!(c->mentioned & (1u << k))) {
		c->mentioned |= 1u << k;
		w(c, p->role);
		w(c, p->first);
		w(c, p->last);
	} else {
		w(c, p->last);
	}
}

static void
org_k(struct ctx *c, int k)
{
	const struct org *o = &c->st->org[k];

	if (o->the)
		w(c, "the");
	w(c, o->name);
}

static void
org(struct ctx *c)
{
	org_k(c, (int)rng_below(c->r, (uint32_t)c->st->norg));
}

/* An entity index in [0, n) other than avoid, or -1 if there is none. */
static int
pick_other(struct rng *r, int n, int avoid)
{
	int k = (int)rng_below(r, (uint32_t)n);

	if (k != avoid)
		return k;
	return n > 1 ? (k + 1 + (int)rng_below(r, (uint32_t)(n - 1))) % n : -1;
}

static void
possessive(struct ctx *c, const char *name)
{
	w(c, name);
	punct(c, "’s");
}

static void
subj(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	c->subj_person = c->subj_org = -1;
	if (x < 28 && !c->no_persons) {
		c->subj_person = (int)rng_below(c->r, (uint32_t)c->st->nperson);
		person(c, c->subj_person);
	} else if (x < 38) {
		c->subj_org = (int)rng_below(c->r, (uint32_t)c->st->norg);
		org_k(c, c->subj_org);
	} else if (x < 55) {
		if (chance(c->r, 400)) {
			w(c, pick_place(c));
		} else if (chance(c->r, 500)) {
			w(c, "the");
			w(c, pick_adj(c));
		}
		w(c, pick_pl(c));
	} else if (x < 70) {
		w(c, "the");
		if (chance(c->r, 400))
			w(c, pick_adj(c));
		w(c, pick_sg(c));
	} else if (x < 78) {
		w(c, pick_place(c));
	} else if (x < 90) {
		w(c, PICK(c->r, actors));
	} else {
		w(c, PICK(c->r, det_pl));
		w(c, pick_pl(c));
	}
}

static void
obj(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100), k;

	if (x < 32) {
		w(c, "the");
		if (chance(c->r, 350))
			w(c, pick_adj(c));
		w(c, pick_sg(c));
		if (chance(c->r, 200)) {
			w(c, "of the");
			w(c, chance(c->r, 500) ? pick_sg(c) : pick_pl(c));
		}
	} else if (x < 46) {
		const char *a = chance(c->r, 600) ? pick_adj(c) : NULL;
		const char *n = pick_sg(c);

		w(c, art(a ? a : n));
		if (a)
			w(c, a);
		w(c, n);
	} else if (x < 60) {
		if (chance(c->r, 500))
			w(c, PICK(c->r, det_pl));
		else if (chance(c->r, 400))
			w(c, pick_adj(c));
		w(c, pick_pl(c));
	} else if (x < 62) {
		w(c, c->st->number);
	} else if (x < 70) {
		char num[16];
		int v = rng_range(c->r, 2, 99);

		if (chance(c->r, 500))
			v *= 10;
		snprintf(num, sizeof(num), "%d", v);
		w(c, "more than");
		w(c, num);
		w(c, pick_pl(c));
	} else if (x < 78) {
		possessive(c, pick_place(c));
		w(c, pick_sg(c));
	} else if (x < 85 && (k = pick_other(c->r, c->st->norg, c->subj_org)) >= 0) {
		org_k(c, k);
		c->subj_org = k;
	} else if (x < 90 && !c->no_persons &&
	    (k = pick_other(c->r, c->st->nperson, c->subj_person)) >= 0) {
		person(c, k);
		c->subj_person = k;
	} else {
		w(c, chance(c->r, 500) ? "the country’s" : (chance(c->r, 500) ? "its" : "their"));
		w(c, chance(c->r, 600) ? pick_sg(c) : pick_pl(c));
	}
}

static void
pp(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 22) {
		w(c, PICK(c->r, time_phrases));
	} else if (x < 38) {
		w(c, "in");
		w(c, pick_place(c));
	} else {
		w(c, PICK(c->r, preps));
		obj(c);
	}
}

static void
vp(struct ctx *c)
{
	if (chance(c->r, 120))
		w(c, wl_zipf(c->r, &V.radv));
	w(c, pick_verb(c)->past);
	obj(c);
	if (chance(c->r, 450))
		pp(c);
}

static void
clause(struct ctx *c)
{
	subj(c);
	vp(c);
}

static void
extend(struct ctx *c)
{
	int x = (int)rng_below(c->r, 100);

	if (x < 30) {
		if (chance(c->r, 500))
			punct(c, ",");
		pp(c);
	} else if (x < 48) {
		w(c, "and");
		vp(c);
	} else if (x < 60) {
		punct(c, ",");
		w(c, "which");
		vp(c);
	} else if (x < 70) {
		w(c, chance(c->r, 500) ? "as" : "after");
		clause(c);
	} else if (x < 78) {
		punct(c, ",");
		w(c, "while");
		clause(c);
	} else if (x < 86) {
		const char *a = pick_adj(c), *n = pick_sg(c);

		w(c, "—");
		w(c, art(a));
		w(c, a);
		w(c, n);
		w(c, "that");
		vp(c);
	} else {
		punct(c, ",");
		w(c, "but");
		clause(c);
	}
}

static void
capitalise_at(struct buf *b, size_t pos)
{
	if (pos < b->len && b->p[pos] >= 'a' && b->p[pos] <= 'z')
		b->p[pos] = (char)(b->p[pos] - 'a' + 'A');
}

enum tmpl { T_PLAIN, T_SAID_THAT, T_ATTRIB, T_LEADING_PP, T_ACCORDING, T_CONTEXT, T_NUMBER };

/* One sentence of 8-30 words (quotes aside), ending in a full stop. */
static void
sentence(struct ctx *c, enum tmpl t)
{
	struct buf *b = c->b;
	size_t start = b->len;
	int target = 8 + (int)rng_below(c->r, 9);
	int reserve = 0, tries;
	int attrib_person = -1;

	target += (int)rng_below(c->r, 9);
	c->sstart = start;
	c->words = 0;
	c->subj_person = c->subj_org = -1;
	c->last_place = NULL;
	switch (t) {
	case T_PLAIN:
		clause(c);
		break;
	case T_SAID_THAT:
		subj(c);
		w(c, PICK(c->r, speech_verbs));
		if (chance(c->r, 500))
			w(c, PICK(c->r, time_phrases));
		w(c, "that");
		clause(c);
		break;
	case T_ATTRIB:
		clause(c);
		reserve = 4;
		attrib_person = pick_other(c->r, c->st->nperson, c->subj_person);
		if (attrib_person < 0)
			attrib_person = 0;
		break;
	case T_LEADING_PP:
		pp(c);
		punct(c, ",");
		clause(c);
		break;
	case T_ACCORDING:
		w(c, "according to");
		if (chance(c->r, 500))
			org(c);
		else {
			w(c, "the");
			w(c, pick_sg(c));
		}
		punct(c, ",");
		clause(c);
		break;
	case T_CONTEXT:
		w(c, PICK(c->r, ((const char *const[]){"it was not immediately clear whether",
		    "the move comes as", "it was unclear whether", "the announcement came after",
		    "there were fears that", "the latest figures showed that"})));
		clause(c);
		break;
	case T_NUMBER:
		subj(c);
		w(c, "said");
		w(c, c->st->number);
		w(c, "had been");
		w(c, pick_verb(c)->past);
		pp(c);
		break;
	}
	for (tries = 0; c->words + reserve < target && tries < 4; tries++) {
		size_t save = b->len;
		int sw = c->words;
		unsigned sm = c->mentioned;

		extend(c);
		if (c->words + reserve > 30) {
			buf_truncate(b, save);
			c->words = sw;
			c->mentioned = sm;
		}
	}
	while (c->words + reserve < 8)
		w(c, PICK(c->r, time_phrases));
	if (attrib_person >= 0) {
		punct(c, ",");
		person(c, attrib_person);
		w(c, PICK(c->r, ((const char *const[]){"said", "said", "told reporters",
		    "said in a statement", "wrote on social media", "added"})));
	}
	punct(c, ".");
	capitalise_at(b, start);
}

static enum tmpl
pick_tmpl(struct ctx *c)
{
	static const int weights[] = {40, 18, 10, 12, 6, 8};

	return (enum tmpl)pick_weighted(c->r, weights, ARRAY_LEN(weights));
}

/* A quotation paragraph's first sentence: the story's quote k, attributed. */
static void
quote_sentence(struct ctx *c, int k)
{
	const struct story *st = c->st;
	const char *q = st->quote[k];
	size_t qn = strlen(q);
	int sp = st->speaker[k], form = (int)rng_below(c->r, 4);
	const struct person *p = &st->person[sp];

	c->sstart = c->b->len;
	c->words = 0;
	if (form == 3) {
		person(c, sp);
		w(c, "said:");
		w(c, "“");
		punct(c, q);
		punct(c, "”");
		return;
	}
	w(c, "“");
	if (q[qn - 1] == '.') {
		buf_addn(c->b, q, qn - 1);
		punct(c, ",”");
	} else {
		punct(c, q);
		punct(c, "”");
	}
	if (form == 0) {
		if (c->mentioned & (1u << sp))
			w(c, p->female ? "she" : "he");
		else
			person(c, sp);
		w(c, "said.");
	} else if (form == 1) {
		w(c, "said");
		person(c, sp);
		punct(c, ".");
	} else {
		person(c, sp);
		w(c, "told reporters.");
	}
}

/* ---- stories ------------------------------------------------------------------------------- */

static int next_story_id;

static void
gen_quote(struct rng *r, struct story *st, int k)
{
	struct buf b = {0};
	struct ctx c = {.r = r, .st = st, .b = &b, .no_persons = 1};

	for (;;) {
		int nsent = chance(r, 300) ? 2 : 1;

		buf_truncate(&b, 0);
		for (int s = 0; s < nsent; s++) {
			const struct verb *v = pick_verb(&c);

			if (s > 0)
				buf_addc(&b, ' ');
			c.sstart = b.len;
			c.words = 0;
			switch (rng_below(r, 6)) {
			case 0:
				w(&c, PICK(r, ((const char *const[]){"we will not", "we cannot",
				    "we must", "we are ready to", "nobody can", "they want to"})));
				w(&c, v->base);
				obj(&c);
				break;
			case 1:
				w(&c, "this is");
				{
					const char *a = pick_adj(&c);

					w(&c, art(a));
					w(&c, a);
				}
				w(&c, pick_sg(&c));
				w(&c, "for our");
				w(&c, pick_sg(&c));
				break;
			case 2:
				w(&c, "there is still");
				w(&c, PICK(r, ((const char *const[]){"time", "hope", "room", "a chance"})));
				w(&c, "to");
				w(&c, v->base);
				obj(&c);
				break;
			case 3:
				w(&c, "our");
				w(&c, pick_pl(&c));
				w(&c, PICK(r, ((const char *const[]){"deserve", "need", "want", "expect"})));
				obj(&c);
				break;
			case 4:
				w(&c, "I do not believe");
				subj(&c);
				w(&c, "will");
				w(&c, v->base);
				obj(&c);
				break;
			default:
				w(&c, "if");
				subj(&c);
				w(&c, pick_verb(&c)->pres);
				obj(&c);
				punct(&c, ",");
				w(&c, "we will");
				w(&c, v->base);
				obj(&c);
				break;
			}
			if (c.words < 10 && chance(r, 600))
				pp(&c);
			while (c.words < 7)
				pp(&c);
			punct(&c, chance(r, 60) ? "!" : ".");
			capitalise_at(&b, c.sstart);
		}
		if (b.len < sizeof(st->quote[k]))
			break;
	}
	memcpy(st->quote[k], b.p, b.len + 1);
	free(b.p);
}

static void
new_story(struct rng *r, struct story *st)
{
	static const int sizes[] = {30, 18, 13, 10, 8, 6, 5, 3, 3, 2, 1, 1}; /* 1..12, mean 3.5 */
	static const char *const num_nouns[] = {"troops", "residents", "people", "workers",
		"homes", "families", "households", "jobs", "refugees", "voters", "hectares of farmland",
		"tonnes of grain", "barrels a day", "passengers", "students", "cases"};
	struct buf b = {0};

	memset(st, 0, sizeof(*st));
	st->id = next_story_id++;
	st->size = pick_weighted(r, sizes, ARRAY_LEN(sizes)) + 1;
	st->span = st->size == 1 ? 0 : rng_range(r, 0, 20);
	st->base_day = rng_range(r, 0, DAYS - 1 - st->span);
	st->nperson = rng_range(r, 1, 4);
	st->nplace = rng_range(r, 1, 2);
	st->norg = rng_range(r, 1, 2);
	if (st->nperson + st->nplace + st->norg < 3)
		st->nperson++;
	for (int i = 0; i < st->nperson; i++) {
		st->person[i].first = wl_any(r, &V.first);
		st->person[i].last = wl_any(r, &V.last);
		st->person[i].role = PICK(r, roles);
		st->person[i].female = chance(r, 500);
	}
	for (int i = 0; i < st->nplace; i++)
		st->place[i] = wl_any(r, &V.place);
	for (int i = 0; i < st->norg; i++) {
		struct org *o = &st->org[i];

		switch (rng_below(r, 5)) {
		case 0:
			snprintf(o->name, sizeof(o->name), "Ministry of %s", PICK(r, org_heads));
			o->the = 1;
			break;
		case 1:
			snprintf(o->name, sizeof(o->name), "%s %s", st->place[0], PICK(r, org_tails));
			o->the = 1;
			break;
		case 2: {
			const char *who = wl_any(r, &V.last);

			snprintf(o->name, sizeof(o->name), "%s %s", who, PICK(r, firm_tails));
			o->the = 0;
			break;
		}
		case 3: {
			char a[32];

			snprintf(a, sizeof(a), "%s", wl_any(r, &V.padj));
			a[0] = (char)(a[0] - 'a' + 'A');
			snprintf(o->name, sizeof(o->name), "National %s Party", a);
			o->the = 1;
			break;
		}
		default: {
			char n[32];

			snprintf(n, sizeof(n), "%s", wl_any(r, &V.psg));
			n[0] = (char)(n[0] - 'a' + 'A');
			snprintf(o->name, sizeof(o->name), "%s Bank", n);
			o->the = 1;
			break;
		}
		}
	}
	if (chance(r, 750)) {
		int v = rng_range(r, 2, 990);

		buf_addnum(&b, (unsigned long)(v < 100 ? v * 100 : v * 10 + 1000 * (v % 3)), 1);
		buf_addc(&b, ' ');
		buf_adds(&b, PICK(r, num_nouns));
	} else {
		buf_addc(&b, '$');
		buf_addnum(&b, (unsigned long)rng_range(r, 1, 950), 0);
		buf_addc(&b, '.');
		buf_addnum(&b, (unsigned long)rng_range(r, 1, 9), 0);
		buf_adds(&b, chance(r, 700) ? " million" : " billion");
	}
	snprintf(st->number, sizeof(st->number), "%s", b.p);
	free(b.p);
	for (int i = 0; i < 8; i++) {
		int k = (int)rng_below(r, (uint32_t)V.psg.n);

		st->tsg[i] = V.psg.w[k];
		st->tpl[i] = V.ppl.w[k];
	}
	for (int i = 0; i < 3; i++)
		st->tadj[i] = wl_any(r, &V.padj);
	for (int i = 0; i < 2; i++)
		st->tverb[i] = &V.pverb[rng_below(r, (uint32_t)V.npverb)];
	st->nquote = rng_range(r, 1, 3);
	for (int i = 0; i < st->nquote; i++) {
		st->speaker[i] = (int)rng_below(r, (uint32_t)st->nperson);
		gen_quote(r, st, i);
	}
}

/* ---- documents ----------------------------------------------------------------------------- */

enum kind { K_ORIGINAL, K_COPY, K_TRIMMED, K_REWRITE };
static const char *const kind_names[] = {"original", "copy", "trimmed", "rewrite"};

/*
 * One article's text apart from its per-file wrapper.  Paragraphs are NUL-terminated in text;
 * sentences inside a paragraph are separated by '\x1f' (written out as a space), so rewrites
 * can reorder and merge them.  The dateline is the first dateline_len bytes of paragraph 0.
 */
struct doc {
	int idx, kind, day, outlet, single_nl;
	struct story st;        /* snapshot: captions of copies need the entities */
	struct buf text;
	size_t *paraoff;
	int npara, paracap;
	size_t dateline_len;
	struct buf headline, dek, byline;
};

static void
doc_reset(struct doc *d)
{
	buf_truncate(&d->text, 0);
	buf_truncate(&d->headline, 0);
	buf_truncate(&d->dek, 0);
	buf_truncate(&d->byline, 0);
	buf_reserve(&d->headline, 0);
	buf_reserve(&d->dek, 0);
	buf_reserve(&d->byline, 0);
	d->npara = 0;
	d->dateline_len = 0;
}

static void
doc_begin_para(struct doc *d)
{
	if (d->npara == d->paracap) {
		d->paracap = d->paracap ? 2 * d->paracap : 32;
		d->paraoff = xrealloc(d->paraoff, (size_t)d->paracap * sizeof(*d->paraoff));
	}
	d->paraoff[d->npara++] = d->text.len;
}

static void
doc_end_para(struct doc *d)
{
	buf_addc(&d->text, '\0');
}

static const char *
doc_para(const struct doc *d, int i)
{
	return d->text.p + d->paraoff[i];
}

static void
buf_set(struct buf *dst, const struct buf *src)
{
	buf_truncate(dst, 0);
	buf_addn(dst, src->len ? src->p : "", src->len);
}

/* Exact copy of src's body; the first keep paragraphs only. */
static void
doc_copy_body(struct doc *d, const struct doc *s, int keep)
{
	size_t end = keep < s->npara ? s->paraoff[keep] : s->text.len;

	buf_truncate(&d->text, 0);
	buf_addn(&d->text, s->text.p, end);
	d->npara = 0;
	for (int i = 0; i < keep; i++) {
		doc_begin_para(d);
		d->paraoff[i] = s->paraoff[i];
	}
	d->dateline_len = s->dateline_len;
}

static void
gen_reporter(struct rng *r, struct buf *b, int upper)
{
	size_t start = b->len;

	buf_adds(b, wl_zipf(r, &V.first));
	buf_addc(b, ' ');
	buf_adds(b, wl_zipf(r, &V.last));
	if (upper)
		for (size_t i = start; i < b->len; i++)
			if (b->p[i] >= 'a' && b->p[i] <= 'z')
				b->p[i] = (char)(b->p[i] - 'a' + 'A');
}

static void
gen_headline(struct ctx *c, struct buf *b)
{
	const struct story *st = c->st;
	const struct person *p = &st->person[rng_below(c->r, (uint32_t)st->nperson)];

	c->b = b;
	c->sstart = b->len;
	c->words = 0;
	switch (rng_below(c->r, 4)) {
	case 0:
		w(c, st->place[0]);
		w(c, pick_verb(c)->pres);
		if (chance(c->r, 500))
			w(c, pick_adj(c));
		w(c, pick_sg(c));
		break;
	case 1:
		w(c, chance(c->r, 500) ? st->place[0] : pick_adj(c));
		w(c, pick_pl(c));
		w(c, pick_verb(c)->base);
		w(c, PICK(c->r, det_pl));
		w(c, pick_pl(c));
		break;
	case 2:
		w(c, p->last);
		w(c, "says");
		w(c, pick_pl(c));
		w(c, "will");
		w(c, pick_verb(c)->base);
		w(c, pick_sg(c));
		break;
	default:
		w(c, pick_sg(c));
		w(c, "in");
		w(c, st->place[0]);
		w(c, PICK(c->r, ((const char *const[]){"leaves", "raises", "prompts", "sparks"})));
		w(c, pick_pl(c));
		w(c, PICK(c->r, ((const char *const[]){"uncertain", "worried", "angry", "divided"})));
		break;
	}
	if (chance(c->r, 500))
		pp(c);
	capitalise_at(b, c->sstart);
}

static void
gen_original(struct doc *d, const struct story *st, struct rng *r)
{
	static const int nsent_w[] = {34, 40, 19, 7};
	struct ctx c = {.r = r, .b = &d->text};
	int npara, quote_at[3] = {-1, -1, -1}, number_at = -1;

	doc_reset(d);
	d->kind = K_ORIGINAL;
	d->st = *st;
	c.st = &d->st;
	d->day = st->base_day + (st->written == 0 ? 0 : rng_range(r, 0, st->span));
	d->outlet = (int)rng_below(r, ARRAY_LEN(outlets));
	d->single_nl = chance(r, 250);
	if (chance(r, 700)) {
		gen_headline(&c, &d->headline);
		if (chance(r, 300)) {
			c.b = &d->dek;
			sentence(&c, T_PLAIN);
			buf_truncate(&d->dek, d->dek.len - 1);     /* a dek has no final period */
		}
	}
	if (chance(r, 450)) {
		int upper = chance(r, 500);

		buf_adds(&d->byline, "By ");
		gen_reporter(r, &d->byline, upper);
		if (chance(r, 400)) {
			buf_adds(&d->byline, " and ");
			gen_reporter(r, &d->byline, upper);
		}
		buf_adds(&d->byline, " – ");
		buf_adds(&d->byline, outlets[chance(r, 600) ? rng_below(r, NWIRES) : (uint32_t)d->outlet].name);
	}
	c.b = &d->text;
	c.mentioned = 0;
	npara = rng_range(r, 6, 25);
	for (int k = 0; k < st->nquote; k++)
		if (chance(r, 750))
			quote_at[k] = rng_range(r, 1, npara - 1);
	if (chance(r, 700))
		number_at = rng_range(r, 0, npara - 1);
	for (int j = 0; j < npara; j++) {
		int nsent = pick_weighted(r, nsent_w, 4) + 1, s = 0, q = -1;

		doc_begin_para(d);
		for (int k = 0; k < st->nquote; k++)
			if (quote_at[k] == j && q < 0)
				q = k;
		if (j == 0 && chance(r, 750)) {
			const struct outlet *o = &outlets[d->outlet];
			size_t start = d->text.len;

			for (const char *p = st->place[0]; *p; p++)
				buf_addc(&d->text, (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p);
			if (o->wire) {
				buf_adds(&d->text, " (");
				buf_adds(&d->text, o->abbr);
				buf_adds(&d->text, ") — ");
			} else {
				buf_adds(&d->text, chance(r, 600) ? " - " : " — ");
			}
			d->dateline_len = d->text.len - start;
		}
		if (q >= 0) {
			quote_sentence(&c, q);
			nsent = chance(r, 600) ? 1 : 2;
			s = 1;
		}
		for (; s < nsent; s++) {
			enum tmpl t = pick_tmpl(&c);

			if (s > 0)
				buf_addc(&d->text, '\x1f');
			if (j == number_at && s == 0)
				t = T_NUMBER;
			else if (j == 0 && s == 0)
				t = chance(r, 500) ? T_SAID_THAT : T_PLAIN;
			sentence(&c, t);
		}
		doc_end_para(d);
	}
}

/* ---- rewrites ------------------------------------------------------------------------------- */

static long rw_candidates, rw_replaced;   /* synonym-table words seen / replaced in rewrites */

static int
is_lower_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

static int
is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/*
 * Replace about pm/1000 of the synonym-table words in s[0..n), outside typographic quotes.
 * Capitalised words are names and stay, except a sentence's first word.
 */
static void
synonymise(struct rng *r, const char *s, size_t n, int pm, struct buf *out)
{
	int in_quote = 0, first = 1;
	size_t art_pos = (size_t)-1;          /* where a preceding "a"/"an" starts in out */
	size_t i = 0;

	while (i < n) {
		if (n - i >= 3 && memcmp(s + i, "“", 3) == 0) {
			in_quote = 1;
		} else if (n - i >= 3 && memcmp(s + i, "”", 3) == 0) {
			in_quote = 0;
		}
		if (!is_alpha(s[i])) {
			if (s[i] != ' ')
				art_pos = (size_t)-1;
			buf_addc(out, s[i++]);
			continue;
		}
		size_t j = i;
		char key[64];
		const char *rep = NULL;
		int cap = 0;

		while (j < n && is_alpha(s[j]))
			j++;
		if (!in_quote && j - i < sizeof(key)) {
			memcpy(key, s + i, j - i);
			key[j - i] = '\0';
			if (first && key[0] >= 'A' && key[0] <= 'Z' && is_lower_word(key + 1, j - i - 1)) {
				key[0] = (char)(key[0] - 'A' + 'a');
				cap = 1;
			}
			if (is_lower_word(key, j - i) && (rep = map_get(&V.syn, key, j - i)) != NULL) {
				rw_candidates++;
				if (chance(r, pm))
					rw_replaced++;
				else
					rep = NULL;
			}
		}
		if (rep) {
			size_t at = out->len;

			if (art_pos != (size_t)-1) {      /* fix a/an before the new word */
				const char *a = art(rep);
				int upper = out->p[art_pos] == 'A';

				buf_truncate(out, art_pos);
				buf_addc(out, upper ? (char)(a[0] - 'a' + 'A') : a[0]);
				buf_adds(out, a + 1);
				buf_addc(out, ' ');
				at = out->len;
			}
			buf_adds(out, rep);
			if (cap)
				capitalise_at(out, at);
		} else {
			buf_addn(out, s + i, j - i);
		}
		art_pos = (size_t)-1;
		if ((j - i == 1 && (s[i] == 'a' || s[i] == 'A')) ||
		    (j - i == 2 && (s[i] == 'a' || s[i] == 'A') && s[i + 1] == 'n'))
			art_pos = out->len - (j - i);
		if (rep)
			art_pos = (size_t)-1;
		first = 0;
		i = j;
	}
}

struct sent {
	size_t off, len;
	int newpara;
};

/* Rewrite src into d: synonyms, sentence swaps and merges, paragraph merges and splits. */
static void
gen_rewrite(struct doc *d, const struct doc *src, struct rng *r)
{
	static struct buf scratch;
	static struct sent *sv;
	static int svcap;
	int ns = 0, pm = rng_range(r, 250, 400), keep_dateline = chance(r, 500);

	buf_truncate(&scratch, 0);
	for (int p = 0; p < src->npara; p++) {
		const char *s = doc_para(src, p);
		int first = 1;

		if (p == 0)
			s += src->dateline_len;
		for (;;) {
			const char *e = strchr(s, '\x1f');
			size_t n = e ? (size_t)(e - s) : strlen(s);

			if (ns == svcap) {
				svcap = svcap ? 2 * svcap : 256;
				sv = xrealloc(sv, (size_t)svcap * sizeof(*sv));
			}
			sv[ns].off = scratch.len;
			synonymise(r, s, n, pm, &scratch);
			sv[ns].len = scratch.len - sv[ns].off;
			sv[ns].newpara = first;
			ns++;
			first = 0;
			if (!e)
				break;
			s = e + 1;
		}
	}
	for (int k = 0; k + 1 < ns; k++) {
		struct sent *a = &sv[k], *b = &sv[k + 1];
		const char *bp = scratch.p + b->off;

		if (b->newpara)
			continue;
		if (chance(r, 150)) {                   /* swap two sentences */
			struct sent t = *a;

			a->off = b->off;
			a->len = b->len;
			b->off = t.off;
			b->len = t.len;
		} else if (chance(r, 120) && scratch.p[a->off + a->len - 1] == '.' &&
		    bp[0] >= 'A' && bp[0] <= 'Z') {    /* "A. B" -> "A, and b" for a common word */
			size_t wl = 0;

			while (wl < b->len && is_alpha(bp[wl]))
				wl++;
			char key[64];

			if (wl > 0 && wl < sizeof(key)) {
				memcpy(key, bp, wl);
				key[wl] = '\0';
				key[0] = (char)(key[0] - 'A' + 'a');
				if (map_get(&V.real, key, wl) && is_lower_word(key, wl)) {
					size_t off = scratch.len;

					/* reserve first: scratch.p must not move under the copies */
					buf_reserve(&scratch, a->len + b->len + 8);
					buf_addn(&scratch, scratch.p + a->off, a->len - 1);
					buf_adds(&scratch, ", and ");
					buf_addc(&scratch, key[0]);
					buf_addn(&scratch, scratch.p + b->off + 1, b->len - 1);
					a->off = off;
					a->len = scratch.len - off;
					memmove(b, b + 1, (size_t)(ns - k - 2) * sizeof(*b));
					ns--;
				}
			}
		}
	}
	for (int k = 1; k < ns; k++) {
		if (sv[k].newpara && chance(r, 100))
			sv[k].newpara = 0;              /* merge with the previous paragraph */
		else if (!sv[k].newpara && chance(r, 50))
			sv[k].newpara = 1;              /* split */
	}
	buf_truncate(&d->text, 0);
	d->npara = 0;
	d->dateline_len = 0;
	for (int k = 0; k < ns; k++) {
		if (sv[k].newpara || k == 0) {
			if (k > 0)
				doc_end_para(d);
			doc_begin_para(d);
			if (k == 0 && keep_dateline && src->dateline_len) {
				buf_addn(&d->text, src->text.p, src->dateline_len);
				d->dateline_len = src->dateline_len;
			}
		} else {
			buf_addc(&d->text, '\x1f');
		}
		buf_addn(&d->text, scratch.p + sv[k].off, sv[k].len);
	}
	doc_end_para(d);
	buf_truncate(&d->headline, 0);
	if (src->headline.len && chance(r, 850))
		synonymise(r, src->headline.p, src->headline.len, pm, &d->headline);
	buf_truncate(&d->dek, 0);
	if (src->dek.len && chance(r, 500))
		synonymise(r, src->dek.p, src->dek.len, pm, &d->dek);
}

/* A copy, trimmed copy or rewrite of src into d, with its own outlet and date. */
static void
gen_dup(struct doc *d, const struct doc *src, enum kind kind, struct rng *r)
{
	doc_reset(d);
	d->kind = kind;
	d->st = src->st;
	d->day = src->day + (chance(r, 300) ? 1 : 0);
	if (d->day >= DAYS)
		d->day = DAYS - 1;
	d->outlet = (int)rng_below(r, ARRAY_LEN(outlets));
	if (d->outlet == src->outlet)
		d->outlet = (d->outlet + 1) % ARRAY_LEN(outlets);
	d->single_nl = chance(r, 700) ? src->single_nl : !src->single_nl;
	if (kind == K_REWRITE) {
		gen_rewrite(d, src, r);
	} else {
		int keep = src->npara;

		if (kind == K_TRIMMED) {
			keep = (src->npara * rng_range(r, 50, 90) + 99) / 100;
			if (keep >= src->npara)
				keep = src->npara - 1;
			if (keep < 1)
				keep = 1;
		}
		doc_copy_body(d, src, keep);
		if (src->headline.len && chance(r, kind == K_COPY ? 800 : 600))
			buf_set(&d->headline, &src->headline);
		if (src->dek.len && chance(r, 500))
			buf_set(&d->dek, &src->dek);
	}
	if (src->byline.len && chance(r, 600))
		buf_set(&d->byline, &src->byline);
}

/* ---- rendering one file --------------------------------------------------------------------- */

struct out {
	struct buf *b;
	int first;
};

static void
block(struct out *o, const char *sep, const char *text, size_t n)
{
	char *p;

	if (!o->first)
		buf_adds(o->b, sep);
	o->first = 0;
	buf_reserve(o->b, n);
	p = o->b->p + o->b->len;
	for (size_t i = 0; i < n; i++)
		p[i] = text[i] == '\x1f' ? ' ' : text[i];
	o->b->len += n;
	o->b->p[o->b->len] = '\0';
}

static void
blocks(struct out *o, const char *sep, const char *text)
{
	block(o, sep, text, strlen(text));
}

static void
add_date(struct buf *b, int day, int iso)
{
	struct date dt = day_date(day);

	if (iso) {
		char tmp[16];

		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", dt.y, dt.m, dt.d);
		buf_adds(b, tmp);
		return;
	}
	buf_adds(b, weekdays[dt.wday]);
	buf_adds(b, ", ");
	buf_adds(b, ap_months[dt.m - 1]);
	buf_addc(b, ' ');
	buf_addnum(b, (unsigned long)dt.d, 0);
	buf_adds(b, ", ");
	buf_addnum(b, (unsigned long)dt.y, 0);
}

/* A photo caption's text, ending in a full stop. */
static void
caption_text(struct ctx *c, int day, struct buf *b)
{
	static const char *const act_sg[] = {"speaks during a news conference", "attends a meeting",
		"walks past a damaged building", "looks on", "gestures during a rally",
		"arrives for talks", "inspects the site", "waits in line", "shakes hands with officials",
		"addresses lawmakers", "leaves the courthouse", "visits a shelter"};
	static const char *const act_pl[] = {"speak during a news conference", "attend a meeting",
		"walk past a damaged building", "look on", "gather during a rally", "arrive for talks",
		"inspect the site", "wait in line", "clear debris", "carry supplies",
		"march through the city center", "stand outside a polling station"};
	static const char *const who_pl[] = {"Residents", "Firefighters", "Police officers",
		"Workers", "Protesters", "Rescue workers", "Soldiers", "Volunteers", "Farmers"};
	static const char *const who_sg[] = {"A woman", "A man", "A police officer", "A child",
		"A worker", "A volunteer"};
	int x = (int)rng_below(c->r, 100);
	size_t start = b->len;

	if (chance(c->r, 100))
		buf_adds(b, "FILE - ");
	if (x < 40) {
		const struct person *p = &c->st->person[rng_below(c->r, (uint32_t)c->st->nperson)];

		buf_adds(b, p->role);
		buf_addc(b, ' ');
		buf_adds(b, p->first);
		buf_addc(b, ' ');
		buf_adds(b, p->last);
		if (chance(c->r, 250))
			buf_adds(b, chance(c->r, 500) ? ", left," : ", center,");
		buf_addc(b, ' ');
		buf_adds(b, PICK(c->r, act_sg));
	} else if (x < 75) {
		buf_adds(b, PICK(c->r, who_pl));
		buf_addc(b, ' ');
		buf_adds(b, PICK(c->r, act_pl));
	} else {
		buf_adds(b, PICK(c->r, who_sg));
		buf_addc(b, ' ');
		buf_adds(b, PICK(c->r, act_sg));
	}
	capitalise_at(b, start);
	buf_adds(b, " in ");
	buf_adds(b, pick_place(c));
	buf_adds(b, ", ");
	add_date(b, day > 2 ? day - rng_range(c->r, 0, 2) : day, 0);
	buf_addc(b, '.');
	if (chance(c->r, 400)) {
		buf_addc(b, ' ');
		c->b = b;
		sentence(c, pick_tmpl(c));
	}
}

/* "(MW Photo/Name Name) Credit: Name Name" and the like. */
static void
caption_credit(struct rng *r, struct buf *b)
{
	const struct outlet *wire = &outlets[rng_below(r, NWIRES)];
	struct buf name = {0};
	int x = (int)rng_below(r, 100);

	gen_reporter(r, &name, 0);
	buf_adds(b, " (");
	if (x < 55) {
		buf_adds(b, wire->abbr);
		buf_adds(b, " Photo/");
		buf_adds(b, name.p);
		if (chance(r, 150))
			buf_adds(b, ", File");
		buf_adds(b, ") Credit: ");
		buf_adds(b, name.p);
	} else if (x < 80) {
		buf_adds(b, name.p);
		buf_addc(b, '/');
		buf_adds(b, outlets[NWIRES + rng_below(r, ARRAY_LEN(outlets) - NWIRES)].name);
		buf_adds(b, " via ");
		buf_adds(b, wire->abbr);
		buf_adds(b, ") Credit: ");
		buf_adds(b, name.p);
	} else {
		buf_adds(b, PICK(r, ((const char *const[]){"Government Press Service",
		    "Ministry of Defense Press Office", "Planet Orbital PBC", "Presidential Press Office"})));
		buf_adds(b, " via ");
		buf_adds(b, wire->abbr);
		buf_adds(b, ") Credit: Uncredited");
	}
	free(name.p);
}

/* The file for d: date header, boilerplate, headline, captions, byline, body, end matter. */
static void
render(const struct doc *d, struct rng *r, struct buf *b)
{
	const struct outlet *out = &outlets[d->outlet];
	struct ctx c = {.r = r, .st = &d->st, .no_persons = 0};
	struct out o = {.b = b, .first = 1};
	const char *psep = d->single_nl ? "\n" : "\n\n";
	struct buf tmp = {0};
	int has_bp = chance(r, 500), top = 0, mid = 0, end = 0;
	int cap_mode = chance(r, 400) ? (chance(r, 650) ? 'A' : 'B') : 0;
	int inline_caps = 0, mid_at = -1;
	struct date dt = day_date(d->day);

	buf_truncate(b, 0);
	if (has_bp) {
		top = chance(r, 550);
		mid = chance(r, 400);
		end = chance(r, 650) || (!top && !mid);
	}
	if (chance(r, 800)) {
		buf_adds(b, " date ");
		add_date(b, d->day, 1);
		buf_addc(b, ' ');
	} else if (chance(r, 40)) {
		buf_addc(b, '\n');
	}
	if (top) {
		int n = rng_range(r, 1, 2);

		for (int i = 0; i < n; i++)
			blocks(&o, "\n", PICK(r, bp_top));
	}
	if (d->headline.len) {
		blocks(&o, chance(r, 500) ? "\n" : "\n\n", d->headline.p);
		if (d->dek.len)
			blocks(&o, "\n\n", d->dek.p);
	}
	if (cap_mode == 'B') {
		struct buf *cb = &tmp;

		buf_truncate(cb, 0);
		caption_text(&c, d->day, cb);
		if (chance(r, 300))
			blocks(&o, "\n", cb->p);        /* the alt text, then the credited caption */
		buf_adds(cb, " (");
		gen_reporter(r, cb, 0);
		buf_addc(cb, '/');
		buf_adds(cb, out->name);
		buf_addc(cb, ')');
		blocks(&o, "\n\n", cb->p);
		inline_caps = rng_range(r, 0, 3);
	}
	if (d->byline.len)
		blocks(&o, chance(r, 600) ? "\n" : "\n\n", d->byline.p);
	if (mid)
		mid_at = rng_range(r, 1, d->npara > 2 ? d->npara - 2 : 1);
	for (int j = 0; j < d->npara; j++) {
		blocks(&o, psep, doc_para(d, j));
		if (j == mid_at)
			blocks(&o, psep, PICK(r, bp_mid));
		if (inline_caps > 0 && j > 0 && j + 1 < d->npara && chance(r, 150)) {
			buf_truncate(&tmp, 0);
			caption_text(&c, d->day, &tmp);
			buf_adds(&tmp, " (");
			gen_reporter(r, &tmp, 0);
			buf_addc(&tmp, '/');
			buf_adds(&tmp, out->name);
			buf_addc(&tmp, ')');
			blocks(&o, psep, tmp.p);
			inline_caps--;
		}
	}
	if (chance(r, 250)) {
		if (chance(r, 400))
			blocks(&o, psep, "___");
		buf_truncate(&tmp, 0);
		if (chance(r, 500)) {
			gen_reporter(r, &tmp, 0);
			buf_adds(&tmp, " reported from ");
			buf_adds(&tmp, d->st.place[0]);
			buf_adds(&tmp, ". ");
		}
		buf_adds(&tmp, outlets[rng_below(r, NWIRES)].name);
		buf_adds(&tmp, " writer ");
		gen_reporter(r, &tmp, 0);
		buf_adds(&tmp, " in ");
		buf_adds(&tmp, wl_zipf(r, &V.place));
		buf_adds(&tmp, " contributed to this report.");
		blocks(&o, psep, tmp.p);
	}
	if (end) {
		int n = rng_range(r, 1, 3);

		for (int i = 0; i < n; i++) {
			buf_truncate(&tmp, 0);
			switch (rng_below(r, 7)) {
			case 0:
			case 1:
				buf_adds(&tmp, "Copyright ");
				buf_addnum(&tmp, (unsigned long)dt.y, 0);
				buf_addc(&tmp, ' ');
				buf_adds(&tmp, out->name);
				buf_adds(&tmp, ". All rights reserved.");
				if (chance(r, 400))
					buf_adds(&tmp, " This material may not be published, broadcast, "
					    "rewritten or redistributed without permission.");
				break;
			case 2:
				buf_adds(&tmp, "Sign up");
				break;
			case 3:
				buf_adds(&tmp, "Sign Up for Daily Headlines");
				break;
			case 4:
				buf_adds(&tmp, "Sign-up to receive a daily email of today’s top stories from ");
				buf_adds(&tmp, out->name);
				buf_addc(&tmp, '.');
				break;
			case 5:
				buf_adds(&tmp, "around the web");
				break;
			default:
				buf_adds(&tmp, "___");
				break;
			}
			blocks(&o, "\n\n", tmp.p);
		}
	}
	if (cap_mode == 'A') {
		static const int ncap_w[] = {10, 18, 18, 15, 12, 9, 7, 6, 5};
		int n = pick_weighted(r, ncap_w, ARRAY_LEN(ncap_w)) + 1;

		for (int i = 0; i < n; i++) {
			buf_truncate(&tmp, 0);
			buf_adds(&tmp, "Caption ");
			caption_text(&c, d->day, &tmp);
			caption_credit(r, &tmp);
			blocks(&o, "\n\n", tmp.p);
		}
	}
	if (chance(r, 850))
		buf_addc(b, '\n');
	free(tmp.p);
}

/* ---- files ---------------------------------------------------------------------------------- */

static void
make_dir(const char *path)
{
	struct stat sb;

	if (mkdir(path, 0777) == 0)
		return;
	if (errno != EEXIST)
		die("%s: %s", path, strerror(errno));
	if (stat(path, &sb) != 0)
		die("%s: %s", path, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		die("%s: %s", path, strerror(ENOTDIR));
}

/* mkdir -p */
static void
make_dirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			make_dir(p);
			*s = '/';
		}
	}
	make_dir(p);
	free(p);
}

static void
write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fwrite(data, 1, n, f) != n) {
		int e = errno;

		fclose(f);
		die("%s: %s", path, strerror(e));
	}
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

static void
usage(FILE *f)
{
	fputs("usage: gencorpus -n N [-s SEED] -o DIR\n"
	    "Write N synthetic news articles to DIR/0000/000000.txt ... (1000 per directory)\n"
	    "and the ground truth to DIR/truth.tsv.  Same N and SEED give the same bytes.\n"
	    "  -n N     number of articles, 1 to 10000000\n"
	    "  -s SEED  unsigned 64-bit seed (default 1)\n"
	    "  -o DIR   output directory, created if missing\n", f);
}

static int
parse_u64(const char *s, unsigned long long *v)
{
	char *end;

	if (*s == '\0' || *s == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

int
main(int argc, char **argv)
{
	unsigned long long n = 0, seed = 1, v;
	const char *dir = NULL;
	int opt, have_n = 0;
	struct rng master, ar;
	struct doc *ring;
	struct story *pool;
	int *story_of, *root, *csize;
	unsigned char *kind;
	int recent[64], nrecent = 0;
	long nkind[4] = {0}, nstories;
	unsigned long long total = 0;
	struct buf file = {0};
	char *path;
	size_t pathcap;
	FILE *tf;

	while ((opt = getopt(argc, argv, "n:s:o:h")) != -1) {
		switch (opt) {
		case 'n':
			if (parse_u64(optarg, &v) || v < 1 || v > MAX_N) {
				fprintf(stderr, "gencorpus: -n: expected 1 to %ld, got '%s'\n", MAX_N, optarg);
				usage(stderr);
				return 2;
			}
			n = v;
			have_n = 1;
			break;
		case 's':
			if (parse_u64(optarg, &seed)) {
				fprintf(stderr, "gencorpus: -s: expected an unsigned integer, got '%s'\n", optarg);
				usage(stderr);
				return 2;
			}
			break;
		case 'o':
			dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || !have_n || dir == NULL || *dir == '\0') {
		usage(stderr);
		return 2;
	}

	vocab_init();
	rng_seed(&master, seed);
	ring = calloc(WINDOW, sizeof(*ring));
	pool = calloc(POOL, sizeof(*pool));
	story_of = calloc(n, sizeof(int));
	root = calloc(n, sizeof(int));
	csize = calloc(n, sizeof(int));
	kind = calloc(n, 1);
	if (!ring || !pool || !story_of || !root || !csize || !kind)
		die("out of memory");
	for (int i = 0; i < POOL; i++)
		new_story(&master, &pool[i]);
	pathcap = strlen(dir) + 64;
	path = xrealloc(NULL, pathcap);
	make_dirs(dir);

	for (long i = 0; i < (long)n; i++) {
		struct doc *d = &ring[i % WINDOW];

		rng_seed(&ar, rng_next(&master));
		if (i > 0 && chance(&master, DUP_PM)) {
			long lo = i > WINDOW - 1 ? i - (WINDOW - 1) : 0, s;
			int x = (int)rng_below(&master, 1000);
			enum kind k = x < DUP_COPY_PM ? K_COPY :
			    x < DUP_COPY_PM + DUP_TRIM_PM ? K_TRIMMED : K_REWRITE;

			s = lo + (long)rng_below(&master, (uint32_t)(i - lo));
			if (nrecent > 0 && chance(&master, CHAIN_PM)) {
				long t = recent[rng_below(&master, (uint32_t)(nrecent < 64 ? nrecent : 64))];

				if (t >= lo)
					s = t;
			}
			if (k == K_TRIMMED && ring[s % WINDOW].npara < 2)
				k = K_COPY;
			gen_dup(d, &ring[s % WINDOW], k, &ar);
			root[i] = root[s];
			recent[nrecent++ % 64] = (int)i;
		} else {
			int p = (int)rng_below(&master, POOL);

			gen_original(d, &pool[p], &ar);
			root[i] = (int)i;
			if (++pool[p].written == pool[p].size)
				new_story(&master, &pool[p]);
		}
		d->idx = (int)i;
		story_of[i] = d->st.id;
		kind[i] = (unsigned char)d->kind;
		nkind[d->kind]++;
		csize[root[i]]++;

		render(d, &ar, &file);
		if (i % FILES_PER_DIR == 0) {
			snprintf(path, pathcap, "%s/%04ld", dir, i / FILES_PER_DIR);
			make_dir(path);
		}
		snprintf(path, pathcap, "%s/%04ld/%06ld.txt", dir, i / FILES_PER_DIR, i);
		write_file(path, file.p, file.len);
		total += file.len;
	}

	snprintf(path, pathcap, "%s/truth.tsv", dir);
	if ((tf = fopen(path, "wb")) == NULL)
		die("%s: %s", path, strerror(errno));
	fputs("path\tstory_id\tdup_cluster_id\tkind\n", tf);
	for (long i = 0; i < (long)n; i++)
		fprintf(tf, "%04ld/%06ld.txt\t%d\t%d\t%s\n", i / FILES_PER_DIR, i, story_of[i],
		    csize[root[i]] > 1 ? root[i] : -1, kind_names[kind[i]]);
	if (ferror(tf) | (fclose(tf) != 0))
		die("%s: %s", path, strerror(errno));

	nstories = next_story_id - POOL;       /* stories begun, less the unused ones in the pool */
	for (int i = 0; i < POOL; i++)
		if (pool[i].written > 0)
			nstories++;
	printf("gencorpus: %llu articles, %llu bytes, %ld stories, %ld original, %ld copy, "
	    "%ld trimmed, %ld rewrite, rewrites replaced %ld of %ld synonym-table words\n",
	    n, total, nstories, nkind[K_ORIGINAL], nkind[K_COPY], nkind[K_TRIMMED],
	    nkind[K_REWRITE], rw_replaced, rw_candidates);
	if (fflush(stdout) != 0)
		die("stdout: %s", strerror(errno));
	return 0;
}
