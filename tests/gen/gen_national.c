/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gen_national.c - deterministic generator of a national-scale medscope
 * deployment model (urn:medscope:deployment:1, see shared/spec/model.md).
 *
 *   gen_national [--seed N] [--scale F] [--variant before|after] [-o FILE]
 *
 * Standalone C11, libc only.  The document is streamed: nothing but a small
 * vendor table (a few hundred KiB at scale 1) is kept in memory.  Every
 * per-facility decision is re-derived from a PRNG seeded by (seed, facility),
 * so the facility loop can be run once per element kind (facilities, systems,
 * contracts, agreements, flows, risks) and the output is grouped by kind.
 *
 * All randomness is integer-only (splitmix64), so the output is byte-identical
 * across runs, compilers and machines for a given seed/scale/variant.
 *
 * The "after" variant is the same model plus a deterministic set of changes
 * (IaaS swaps, added integration contracts, overdue agreement reviews,
 * expired certifications).  Those decisions come from hashes of the element
 * ids, never from the main PRNG streams, so everything else is unchanged and
 * all ids stay stable between the two variants.
 *
 * See README.md beside this file for the shape and the figures.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AS_OF "2026-11-01"
#define AS_OF_NUM 20261101u
/* --shape dense, per mille of facility agreements (see dense_topics) */
#define DENSE_DROP 40u
#define DENSE_NO_SUBC 90u
#define DENSE_NO_RISK 70u

/* ------------------------------------------------------------------ PRNG */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rnext(rng_t *r)
{
    r->s += UINT64_C(0x9E3779B97F4A7C15);
    return mix64(r->s);
}

/* uniform in [0, n), n > 0 (modulo bias < 2^-32, irrelevant here) */
static uint32_t rbelow(rng_t *r, uint32_t n)
{
    return (uint32_t)(rnext(r) % n);
}

/* true with probability ppm / 1e6 */
static int rchance(rng_t *r, uint32_t ppm)
{
    return rbelow(r, 1000000u) < ppm;
}

static uint64_t g_seed = 1;
static int g_after = 0;
/* --shape dense: facility agreements lose topics (and some are dropped), so
 * most facilities have a finding; decided by hash_id like the after changes,
 * so the PRNG streams and every other element are the same as the default. */
static int g_dense = 0;

static rng_t rng_for(uint64_t stream, uint64_t idx)
{
    rng_t r;
    r.s = mix64(g_seed * UINT64_C(0x2545F4914F6CDD1D) ^
                mix64((stream << 40) ^ idx ^ UINT64_C(0x5851F42D4C957F2D)));
    return r;
}

/* independent hash of an id string; used only for the "after" changes */
static uint64_t hash_id(uint32_t tag, const char *s)
{
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= UINT64_C(0x100000001B3);
    }
    return mix64(h ^ mix64(g_seed + tag));
}

/* ------------------------------------------------------------ vocabulary */

enum { L_SAAS, L_PAAS, L_IAAS, L_ONPREM, L_DEVICE, L_TERMINAL, L_NETWORK };
static const char *const layer_name[] = {"saas",   "paas",     "iaas",   "on-premise",
                                         "device", "terminal", "network"};

enum { D_MED = 1, D_CARE = 2, D_PHR = 4 };

enum { RG_DEFAULT, RG_JP, RG_OVERSEAS, RG_UNKNOWN };
static const char *const region_name[] = {"", "jp", "overseas", "unknown"};

/* contract types (bit order = print order) */
enum {
    T_SERVICE = 1,
    T_OPERATION = 2,
    T_MAINT = 4,
    T_DEVEL = 8,
    T_ENTRUST = 16,
    T_SALE = 32,
    T_DISPATCH = 64,
    T_PATCH = 128
};
static const char *const ctype_name[] = {"service",     "operation", "maintenance",
                                         "development", "entrustment", "sale",
                                         "dispatch",    "patch-only"};
#define T_PRIME (T_SERVICE | T_OPERATION | T_MAINT | T_DEVEL | T_ENTRUST)

/* agreement topics (bit order = print order) */
enum {
    P_DEMARC = 1,
    P_RISK = 2,
    P_SUBC = 4,
    P_CHANGE = 8,
    P_INTEG = 16,
    P_UNKINFRA = 32,
    P_LIFE = 64,
    P_THIRD = 128,
    P_INCIDENT = 256
};
static const char *const topic_name[] = {"demarcation",    "risk-management",
                                         "subcontracting", "change-notification",
                                         "integration",    "unknown-infrastructure",
                                         "lifecycle",      "third-party-provision",
                                         "incident-response"};

/* system names (all plain Japanese / ASCII, nothing to escape) */
enum {
    N_IAAS_E,
    N_IAAS_W,
    N_IAAS_OV,
    N_PAAS,
    N_PAAS_OWN,
    N_EHR_HOSP,
    N_EHR_CLIN,
    N_EHR,
    N_REGIONAL,
    N_DENTAL,
    N_PHARM,
    N_NURSE,
    N_REMOTE,
    N_PHR,
    N_EPILL,
    N_MEAL,
    N_LAB,
    N_ONLINE,
    N_RESERVE,
    N_BACKUP,
    N_CLOSEDNET,
    N_EHR_ONPREM,
    N_NO_SYS,
    N_LINK,
    N_DEV0, /* device names follow */
    N_DEPT0 = N_DEV0 + 8,
    N_COUNT = N_DEPT0 + 6
};
static const char *const sys_name[N_COUNT] = {
    "IaaS 東日本リージョン",
    "IaaS 西日本リージョン",
    "IaaS 海外リージョン",
    "PaaS 基盤",
    "自社 PaaS 基盤",
    "病院向けクラウド電子カルテ",
    "診療所向けクラウド電子カルテ",
    "クラウド電子カルテ",
    "地域医療連携基盤",
    "歯科電子カルテ・レセコン",
    "電子薬歴",
    "訪問看護記録システム",
    "リモート保守回線",
    "PHR サービス",
    "電子お薬手帳",
    "給食管理システム",
    "技工指示システム",
    "オンライン診療システム",
    "予約システム",
    "外部保存サービス",
    "閉域網サービス",
    "電子カルテ",
    "地域医療連携システム",
    "連携サービス",
    /* devices */
    "MRI 装置",
    "CT 装置",
    "超音波診断装置",
    "検体検査分析装置",
    "内視鏡システム",
    "心電計",
    "透析装置",
    "生体情報モニタ",
    /* departmental on-premise systems */
    "医用画像管理システム",
    "臨床検査システム",
    "放射線部門システム",
    "物品管理システム",
    "調剤支援システム",
    "医事会計システム",
};

static const char *const risk_text[] = {
    "4桁パスワードによるログイン",
    "保守用リモート接続の常時開放",
    "海外リージョンへのバックアップ",
    "多要素認証の未導入",
    "サポート終了 OS の継続利用",
    "アクセスログの定期確認なし",
};
#define N_RISK_TEXT (sizeof risk_text / sizeof risk_text[0])

/* ------------------------------------------------------------ facilities */

enum { F_HOSP, F_CLIN, F_DENT, F_PHARM, F_NURSE, NFT };
static const char fprefix[NFT] = {'H', 'C', 'D', 'P', 'N'};
static const char *const ftype[NFT] = {"hospital", "clinic", "dental-clinic", "pharmacy",
                                       "visiting-nursing"};
static const char *const fjname[NFT] = {"病院", "診療所", "歯科医院", "薬局",
                                        "訪問看護ステーション"};
static const uint32_t fbase[NFT] = {8122, 104894, 66818, 62828, 14829};
static uint32_t fcount[NFT];
static uint64_t ftotal;

/* -------------------------------------------------------------- vendors */

enum {
    C_IAAS,
    C_PAAS,
    C_EHR,
    C_DENT,
    C_PHARM,
    C_NURSE,
    C_MAINT,
    C_DEVICE,
    C_PHR,
    C_MEAL,
    C_LAB,
    C_OTHER,
    C_NET,
    C_STAFF,
    NCAT
};
static const struct {
    const char *role;
    uint32_t base, min;
    int fixed;
} cat_def[NCAT] = {
    {"iaas", 6, 6, 1},         {"paas", 40, 2, 0},         {"ehr", 150, 5, 0},
    {"dental-system", 50, 5, 0}, {"pharmacy-system", 50, 5, 0}, {"nursing-system", 40, 5, 0},
    {"maintenance", 400, 3, 0}, {"device-maker", 150, 3, 0}, {"phr", 60, 2, 0},
    {"meal-service", 220, 2, 0}, {"dental-lab", 150, 2, 0}, {"cloud-service", 100, 3, 0},
    {"network", 30, 1, 0},     {"staffing", 54, 1, 0},
};
static uint32_t cat_first[NCAT], cat_n[NCAT];

#define MAXVS 5
typedef struct {
    uint8_t layer, data, region, ext, loc_out, known_false, name;
    int32_t run_v; /* -1: runs on nothing */
    uint8_t run_j;
    int32_t new_run_v; /* after: IaaS swap target, -1 none */
    uint8_t new_run_j;
} vsys_t;

enum { CS_PMARK = 1, CS_ISMS, CS_JISQ27001, CS_EQUIV };
static const char *const cert_scheme[] = {"", "pmark", "isms", "jisq27001", "equivalent"};

typedef struct {
    uint8_t cat, nsys;
    vsys_t sys[MAXVS];
    uint8_t cert;       /* 0: no P-mark/ISMS-class certificate */
    uint32_t cert_until; /* yyyymmdd */
    uint8_t ismap, soc2;
    int32_t sub_v; /* maintenance/operation subcontractor, -1 none */
    uint8_t sub_types, sub_agree;
    uint8_t risk, risk_treat, risk_text, risk_level;
    uint8_t agree_host[MAXVS]; /* agreement present for the hosting contract of sys j */
    uint16_t topics_host[MAXVS];
} vendor_t;

static vendor_t *vendors;
static uint32_t nvendors;

/* weighted pools (integer cumulative weights) */
typedef struct {
    uint32_t first, n;
    uint32_t *cum;
    uint32_t total;
} pool_t;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("gen_national: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

/*
 * top4 (ppm) != NULL: the first four get those shares, the rest share what is
 * left with weights ~ 1/(k-2).  top4 == NULL: Zipf-like weights ~ 1/(k+off).
 */
static void pool_init(pool_t *p, uint32_t first, uint32_t n, const uint32_t *top4, uint32_t off)
{
    uint64_t sum_raw = 0, rest = 1000000;
    uint32_t k, start = 0;
    p->first = first;
    p->n = n;
    p->cum = xmalloc(sizeof(uint32_t) * n);
    if (top4 && n > 4) {
        start = 4;
        for (k = 0; k < 4; k++)
            rest -= top4[k];
    }
    for (k = start; k < n; k++)
        sum_raw += 1000000u / (k - start + off);
    p->total = 0;
    for (k = 0; k < n; k++) {
        uint64_t w;
        if (k < start)
            w = top4[k];
        else
            w = (uint64_t)(1000000u / (k - start + off)) * rest / sum_raw;
        if (w == 0)
            w = 1;
        p->total += (uint32_t)w;
        p->cum[k] = p->total;
    }
}

static uint32_t pool_pick(const pool_t *p, rng_t *r)
{
    uint32_t x = rbelow(r, p->total), lo = 0, hi = p->n - 1;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (p->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return p->first + lo;
}

static pool_t pool_iaas, pool_paas, pool_hosp, pool_clin, pool_dent, pool_pharm, pool_nurse,
    pool_maint, pool_device, pool_phr, pool_meal, pool_lab, pool_other, pool_net, pool_staff,
    pool_platform, pool_no;

/* ------------------------------------------------------ network operators */

static uint32_t n_no;
static uint32_t no_member_ppm;

/* ---------------------------------------------------------------- output */

static FILE *out;

static uint32_t rdate(rng_t *r, uint32_t y0, uint32_t y1)
{
    uint32_t y = y0 + rbelow(r, y1 - y0 + 1), m = 1 + rbelow(r, 12), d = 1 + rbelow(r, 28);
    return y * 10000 + m * 100 + d;
}

/* a signing date: before as-of */
static uint32_t rdate_signed(rng_t *r, uint32_t y0)
{
    uint32_t v = rdate(r, y0, 2026);
    return v >= AS_OF_NUM ? v - 10000 : v;
}

static void put_date(const char *attr, uint32_t v)
{
    fprintf(out, " %s=\"%04" PRIu32 "-%02" PRIu32 "-%02" PRIu32 "\"", attr, v / 10000,
            v / 100 % 100, v % 100);
}

static void put_bits(const char *attr, unsigned bits, const char *const *names, unsigned n)
{
    unsigned k;
    int first = 1;
    fprintf(out, " %s=\"", attr);
    for (k = 0; k < n; k++)
        if (bits & (1u << k)) {
            if (!first)
                putc(' ', out);
            fputs(names[k], out);
            first = 0;
        }
    putc('"', out);
}

static void put_data(unsigned d)
{
    static const char *const dn[] = {"medical", "care", "phr"};
    if (d)
        put_bits("data", d, dn, 3);
}

static void vid(char *b, size_t n, uint32_t v)
{
    snprintf(b, n, "V%04" PRIu32, v + 1);
}

static void vsid(char *b, size_t n, uint32_t v, unsigned j)
{
    snprintf(b, n, "S%04" PRIu32 "-%u", v + 1, j);
}

static void noid(char *b, size_t n, uint32_t k)
{
    snprintf(b, n, "R%03" PRIu32, k + 1);
}

/* ------------------------------------------------------- vendor building */

static uint32_t scaled(uint32_t base, double scale, uint32_t min)
{
    double x = base * scale + 0.5;
    uint32_t v = x >= 4e9 ? 4000000000u : (uint32_t)x;
    return v < min ? min : v;
}

static void set_saas(vsys_t *s, uint8_t name, uint8_t data, rng_t *r)
{
    memset(s, 0, sizeof *s);
    s->layer = L_SAAS;
    s->data = data;
    s->name = name;
    s->run_v = (int32_t)pool_pick(&pool_paas, r);
    s->run_j = 1;
    s->new_run_v = -1;
    s->known_false = rchance(r, 100000) ? 1 : 0;
}

/* the IaaS system under vendor v's system j (follows runs-on), or -1 */
static int32_t iaas_under(uint32_t v, unsigned j, unsigned *jout)
{
    int depth;
    for (depth = 0; depth < 4; depth++) {
        const vsys_t *s = &vendors[v].sys[j - 1];
        if (s->layer == L_IAAS) {
            *jout = j;
            return (int32_t)v;
        }
        if (s->run_v < 0)
            return -1;
        v = (uint32_t)s->run_v;
        j = s->run_j;
    }
    return -1;
}

static uint16_t pick_topics(rng_t *r, int kind);

static void build_vendors(double scale)
{
    static const uint32_t top_hosp[4] = {300000, 200000, 130000, 90000};
    static const uint32_t top_clin[4] = {250000, 200000, 150000, 120000};
    static const uint32_t top_other[4] = {300000, 200000, 130000, 90000};
    static const uint32_t iaas_w[6] = {300000, 250000, 200000, 100000, 100000, 50000};
    uint32_t c, v, k, n_hosp;
    uint32_t swaps = 0, cand = 0, swap_ppm;

    nvendors = 0;
    for (c = 0; c < NCAT; c++) {
        cat_first[c] = nvendors;
        cat_n[c] = cat_def[c].fixed ? cat_def[c].base : scaled(cat_def[c].base, scale, cat_def[c].min);
        nvendors += cat_n[c];
    }
    vendors = xmalloc(sizeof(vendor_t) * nvendors);
    memset(vendors, 0, sizeof(vendor_t) * nvendors);

    /* pools */
    pool_iaas.first = cat_first[C_IAAS];
    pool_iaas.n = cat_n[C_IAAS];
    pool_iaas.cum = xmalloc(sizeof(uint32_t) * 6);
    pool_iaas.total = 0;
    for (k = 0; k < 6; k++) {
        pool_iaas.total += iaas_w[k];
        pool_iaas.cum[k] = pool_iaas.total;
    }
    pool_init(&pool_paas, cat_first[C_PAAS], cat_n[C_PAAS], NULL, 2);
    n_hosp = cat_n[C_EHR] * 2 / 5;
    if (n_hosp < 5)
        n_hosp = cat_n[C_EHR];
    pool_init(&pool_hosp, cat_first[C_EHR], n_hosp, top_hosp, 1);
    pool_init(&pool_clin, cat_first[C_EHR], cat_n[C_EHR], top_clin, 1);
    pool_init(&pool_dent, cat_first[C_DENT], cat_n[C_DENT], top_other, 1);
    pool_init(&pool_pharm, cat_first[C_PHARM], cat_n[C_PHARM], top_other, 1);
    pool_init(&pool_nurse, cat_first[C_NURSE], cat_n[C_NURSE], top_other, 1);
    pool_init(&pool_maint, cat_first[C_MAINT], cat_n[C_MAINT], NULL, 3);
    pool_init(&pool_device, cat_first[C_DEVICE], cat_n[C_DEVICE], NULL, 2);
    pool_init(&pool_phr, cat_first[C_PHR], cat_n[C_PHR], NULL, 1);
    pool_init(&pool_meal, cat_first[C_MEAL], cat_n[C_MEAL], NULL, 3);
    pool_init(&pool_lab, cat_first[C_LAB], cat_n[C_LAB], NULL, 5);
    pool_init(&pool_other, cat_first[C_OTHER], cat_n[C_OTHER], NULL, 2);
    pool_init(&pool_net, cat_first[C_NET], cat_n[C_NET], NULL, 1);
    pool_init(&pool_staff, cat_first[C_STAFF], cat_n[C_STAFF], NULL, 2);
    /* regional-network platforms: the two biggest EHR vendors hold most */
    {
        static const uint32_t pw[2] = {450000, 400000};
        pool_platform.first = cat_first[C_EHR];
        pool_platform.n = 2;
        pool_platform.cum = xmalloc(sizeof(uint32_t) * 2);
        pool_platform.cum[0] = pw[0];
        pool_platform.cum[1] = pw[0] + pw[1];
        pool_platform.total = pw[0] + pw[1];
    }

    for (c = 0; c < NCAT; c++) {
        for (k = 0; k < cat_n[c]; k++) {
            vendor_t *V;
            rng_t r;
            unsigned j;
            v = cat_first[c] + k;
            V = &vendors[v];
            r = rng_for(1, v);
            V->cat = (uint8_t)c;
            V->sub_v = -1;
            for (j = 0; j < MAXVS; j++) {
                V->sys[j].run_v = -1;
                V->sys[j].new_run_v = -1;
            }
            switch (c) {
            case C_IAAS:
                V->nsys = 2;
                V->sys[0].layer = L_IAAS;
                V->sys[0].region = RG_JP;
                V->sys[0].name = N_IAAS_E;
                V->sys[1].layer = L_IAAS;
                V->sys[1].region = k < 3 ? RG_OVERSEAS : RG_JP;
                V->sys[1].name = k < 3 ? N_IAAS_OV : N_IAAS_W;
                break;
            case C_PAAS:
                V->nsys = 1;
                V->sys[0].layer = L_PAAS;
                V->sys[0].name = N_PAAS;
                V->sys[0].run_v = (int32_t)pool_pick(&pool_iaas, &r);
                V->sys[0].run_j = rchance(&r, 100000) ? 2 : 1;
                break;
            case C_EHR:
                if (k < 4) {
                    set_saas(&V->sys[0], N_EHR_HOSP, D_MED, &r);
                    set_saas(&V->sys[1], N_EHR_CLIN, D_MED, &r);
                    V->sys[0].run_v = V->sys[1].run_v = (int32_t)v;
                    V->sys[0].run_j = V->sys[1].run_j = 3;
                    V->sys[0].known_false = V->sys[1].known_false = 0;
                    V->sys[2].layer = L_PAAS;
                    V->sys[2].name = N_PAAS_OWN;
                    V->sys[2].run_v = (int32_t)pool_pick(&pool_iaas, &r);
                    V->sys[2].run_j = 1;
                    V->sys[2].new_run_v = -1;
                    V->nsys = 3;
                    if (k < 2) {
                        set_saas(&V->sys[3], N_REGIONAL, D_MED, &r);
                        V->sys[3].run_v = (int32_t)v;
                        V->sys[3].run_j = 3;
                        V->sys[3].known_false = 0;
                        V->nsys = 4;
                    }
                } else {
                    set_saas(&V->sys[0], N_EHR, D_MED, &r);
                    V->nsys = 1;
                }
                break;
            case C_DENT:
                set_saas(&V->sys[0], N_DENTAL, D_MED, &r);
                V->nsys = 1;
                break;
            case C_PHARM:
                set_saas(&V->sys[0], N_PHARM, D_MED, &r);
                V->nsys = 1;
                break;
            case C_NURSE:
                set_saas(&V->sys[0], N_NURSE, D_MED | D_CARE, &r);
                V->nsys = 1;
                break;
            case C_MAINT:
                V->nsys = 1;
                V->sys[0].layer = L_NETWORK;
                V->sys[0].loc_out = 1;
                V->sys[0].name = N_REMOTE;
                break;
            case C_DEVICE:
                V->nsys = (uint8_t)(2 + rbelow(&r, 4));
                for (j = 0; j < V->nsys; j++) {
                    V->sys[j].layer = L_DEVICE;
                    V->sys[j].data = D_MED;
                    V->sys[j].name = (uint8_t)(N_DEV0 + (k + j * 3) % 8);
                }
                break;
            case C_PHR:
                if (k % 3 == 0)
                    set_saas(&V->sys[0], N_EPILL, rchance(&r, 300000) ? D_PHR | D_MED : D_PHR, &r);
                else
                    set_saas(&V->sys[0], N_PHR, rchance(&r, 300000) ? D_PHR | D_MED : D_PHR, &r);
                if (rchance(&r, 100000))
                    V->sys[0].region = RG_OVERSEAS;
                V->nsys = 1;
                break;
            case C_MEAL:
                set_saas(&V->sys[0], N_MEAL, rchance(&r, 600000) ? D_MED : 0, &r);
                V->nsys = 1;
                break;
            case C_LAB:
                set_saas(&V->sys[0], N_LAB, D_MED, &r);
                V->nsys = 1;
                break;
            case C_OTHER:
                if (k % 3 == 0) {
                    set_saas(&V->sys[0], N_ONLINE, D_MED, &r);
                } else if (k % 3 == 1) {
                    set_saas(&V->sys[0], N_RESERVE, rchance(&r, 500000) ? D_MED : 0, &r);
                } else {
                    uint32_t x;
                    set_saas(&V->sys[0], N_BACKUP, D_MED, &r);
                    V->sys[0].ext = 1;
                    x = rbelow(&r, 100);
                    V->sys[0].region = x < 75 ? RG_JP : x < 90 ? RG_OVERSEAS : RG_UNKNOWN;
                }
                V->nsys = 1;
                break;
            case C_NET:
                V->nsys = 1;
                V->sys[0].layer = L_NETWORK;
                V->sys[0].loc_out = 1;
                V->sys[0].name = N_CLOSEDNET;
                break;
            default: /* staffing: no systems */
                V->nsys = 0;
                break;
            }
            for (j = 0; j < MAXVS; j++)
                V->sys[j].new_run_v = -1;

            /* certifications */
            if (c == C_IAAS || c == C_PAAS) {
                V->ismap = 1;
                V->soc2 = (c == C_IAAS && k < 3) || rchance(&r, 300000);
                V->cert = CS_ISMS;
                V->cert_until = rdate(&r, 2027, 2029);
            } else {
                uint32_t x = rbelow(&r, 1000);
                if (x < 920) {
                    static const uint8_t sc[4] = {CS_PMARK, CS_ISMS, CS_JISQ27001, CS_EQUIV};
                    uint32_t s = rbelow(&r, 100);
                    V->cert = sc[s < 55 ? 0 : s < 90 ? 1 : s < 97 ? 2 : 3];
                    V->cert_until = rdate(&r, 2027, 2029);
                } else if (x < 945) { /* expired before as-of */
                    V->cert = CS_PMARK;
                    V->cert_until = 20250000 + (1 + rbelow(&r, 12)) * 100 + 1 + rbelow(&r, 28);
                } else { /* none */
                    V->cert = 0;
                }
                if (c == C_EHR && k < 4)
                    V->ismap = 1;
            }

            /* maintenance/operation subcontracting by system vendors */
            if ((c == C_EHR || c == C_DENT || c == C_PHARM || c == C_NURSE) &&
                rchance(&r, 200000)) {
                V->sub_v = (int32_t)pool_pick(&pool_maint, &r);
                V->sub_types = rchance(&r, 300000) ? T_OPERATION | T_MAINT : T_MAINT;
                V->sub_agree = rchance(&r, 850000);
            }
            /* hosting-contract agreements */
            for (j = 0; j < V->nsys; j++) {
                V->agree_host[j] = rchance(&r, 900000) ? 1 : 0;
                V->topics_host[j] = pick_topics(&r, 2);
            }
            /* a few vendor-owned risks on their SaaS */
            if ((c == C_EHR || c == C_DENT || c == C_PHARM || c == C_NURSE || c == C_PHR) &&
                rchance(&r, 150000)) {
                V->risk = 1;
                V->risk_treat = (uint8_t)rbelow(&r, 4);
                V->risk_text = (uint8_t)rbelow(&r, N_RISK_TEXT);
                V->risk_level = (uint8_t)rbelow(&r, 4);
            }
        }
    }

    /* after: ~1 % of all vendors move their platform to another IaaS */
    for (v = 0; v < nvendors; v++)
        for (k = 0; k < vendors[v].nsys; k++) {
            const vsys_t *s = &vendors[v].sys[k];
            if (s->run_v >= 0 && vendors[s->run_v].cat == C_IAAS)
                cand++;
        }
    swap_ppm = cand ? (uint32_t)((uint64_t)nvendors * 10000u / cand) : 0;
    if (swap_ppm > 1000000)
        swap_ppm = 1000000;
    for (v = 0; v < nvendors && g_after; v++)
        for (k = 0; k < vendors[v].nsys; k++) {
            vsys_t *s = &vendors[v].sys[k];
            char id[32];
            uint64_t h;
            if (s->run_v < 0 || vendors[s->run_v].cat != C_IAAS)
                continue;
            vsid(id, sizeof id, v, k + 1);
            h = hash_id(11, id);
            if ((uint32_t)(h % 1000000u) < swap_ppm) {
                uint32_t off = 1 + (uint32_t)((h >> 32) % (cat_n[C_IAAS] - 1));
                s->new_run_v = (int32_t)(cat_first[C_IAAS] +
                                         ((uint32_t)s->run_v - cat_first[C_IAAS] + off) %
                                             cat_n[C_IAAS]);
                s->new_run_j = 1;
                swaps++;
            }
        }
    if (g_after && swaps == 0) { /* tiny scales: make sure there is one swap */
        for (v = 0; v < nvendors && !swaps; v++)
            for (k = 0; k < vendors[v].nsys && !swaps; k++) {
                vsys_t *s = &vendors[v].sys[k];
                if (s->run_v >= 0 && vendors[s->run_v].cat == C_IAAS) {
                    s->new_run_v = (int32_t)(cat_first[C_IAAS] +
                                             ((uint32_t)s->run_v - cat_first[C_IAAS] + 1) %
                                                 cat_n[C_IAAS]);
                    s->new_run_j = 1;
                    swaps++;
                }
            }
    }

    /* network operators */
    n_no = scaled(200, scale, 2);
    pool_init(&pool_no, 0, n_no, NULL, 10);
}

/* ------------------------------------------------------------- topics */

/* kind 0: facility prime contract, 1: maintenance of on-premise, 2: vendor-vendor,
 * 3: entrustment to a network operator */
static uint16_t pick_topics(rng_t *r, int kind)
{
    /* Most facility agreements cover what the guideline asks of every
     * prime (責任分界, リスク対応の合意, 再委託の承認: rules.md §3); about one
     * in ten lacks a topic, so that a national check still finds tens of
     * thousands of gaps, as an audit would. */
    uint32_t x = rbelow(r, 100);
    switch (kind) {
    case 1:
        if (x < 80)
            return P_DEMARC | P_RISK | P_SUBC | P_CHANGE;
        if (x < 90)
            return P_DEMARC | P_RISK | P_SUBC | P_LIFE;
        if (x < 95)
            return P_DEMARC | P_RISK | P_CHANGE;
        return P_DEMARC | P_LIFE;
    case 2:
        if (x < 55)
            return P_DEMARC | P_SUBC | P_CHANGE;
        if (x < 80)
            return P_DEMARC | P_CHANGE;
        if (x < 90)
            return P_DEMARC | P_RISK | P_CHANGE | P_INCIDENT;
        return P_DEMARC;
    case 3:
        if (x < 85)
            return P_DEMARC | P_RISK | P_SUBC | P_CHANGE;
        if (x < 95)
            return P_DEMARC | P_RISK | P_SUBC | P_THIRD;
        return P_DEMARC;
    default:
        if (x < 85)
            return P_DEMARC | P_RISK | P_SUBC | P_CHANGE;
        if (x < 90)
            return P_DEMARC | P_RISK | P_SUBC | P_CHANGE | P_INCIDENT;
        if (x < 95)
            return P_DEMARC | P_RISK | P_CHANGE;
        return P_DEMARC;
    }
}

/* ------------------------------------------------------- facility plans */

typedef struct {
    char kind; /* 'V' vendor system, 'F' this facility's system, 'R' network operator's */
    uint32_t a;
    unsigned b;
} sref_t;

typedef struct {
    uint8_t layer, data, name, nconn;
    int32_t prov_v; /* -1: the facility itself */
    sref_t conn[2];
} fsys_t;

typedef struct {
    char sup_kind; /* 'V' or 'R' */
    uint32_t sup;
    uint8_t types;
    sref_t cov;
    int32_t selby; /* vendor, -1: default (client) */
    uint8_t agree, documented;
    uint16_t topics;
    uint32_t date, review;
} fcon_t;

typedef struct {
    sref_t to;
    uint8_t data, basis;
} fflow_t;

#define MAXFS 3
#define MAXFK 16
#define MAXFF 2
typedef struct {
    int t;
    uint32_t i;
    char id[24];
    int nsys, nk, nfl;
    fsys_t sys[MAXFS];
    fcon_t k[MAXFK];
    fflow_t fl[MAXFF];
    int has_ehr;
    sref_t ehr;
    int risk;
    uint8_t risk_treat, risk_text, risk_level;
    /* after */
    int x_add, x_agree;
    uint32_t x_v;
} fplan_t;

static sref_t vref(uint32_t v, unsigned j)
{
    sref_t s;
    s.kind = 'V';
    s.a = v;
    s.b = j;
    return s;
}

static sref_t fref(unsigned j)
{
    sref_t s;
    s.kind = 'F';
    s.a = 0;
    s.b = j;
    return s;
}

static void fmt_sref(char *b, size_t n, sref_t s, const char *fid)
{
    if (s.kind == 'V')
        vsid(b, n, s.a, s.b);
    else if (s.kind == 'F') {
        if (s.b == 0)
            snprintf(b, n, "S%s-x", fid);
        else
            snprintf(b, n, "S%s-%u", fid, s.b);
    } else
        snprintf(b, n, "SR%03" PRIu32 "-1", s.a + 1);
}

static fcon_t *add_con(fplan_t *p, rng_t *r, uint32_t v, uint8_t types, sref_t cov, int tkind,
                       uint32_t agree_ppm)
{
    fcon_t *c = &p->k[p->nk++];
    c->sup_kind = 'V';
    c->sup = v;
    c->types = types;
    c->cov = cov;
    c->selby = -1;
    c->agree = 0;
    c->documented = 1;
    c->topics = 0;
    c->date = 0;
    c->review = 0;
    if (types & T_PRIME) {
        c->agree = rchance(r, agree_ppm) ? 1 : 0;
        c->topics = pick_topics(r, tkind);
        c->date = rchance(r, 150000) ? rdate_signed(r, 2018) : 0;
        if (rchance(r, 150000))
            c->review = rdate(r, 2027, 2028);
        else if (rchance(r, 3000))
            c->review = 20260000 + (1 + rbelow(r, 9)) * 100 + 1 + rbelow(r, 28);
        if (rchance(r, 20000))
            c->documented = 0;
    }
    return c;
}

/* the vendor's product for hospitals (1) or clinics (2) */
static unsigned product(uint32_t v, int clinic)
{
    return (vendors[v].cat == C_EHR && v - cat_first[C_EHR] < 4 && clinic) ? 2 : 1;
}

static void add_second(fplan_t *p, rng_t *r, uint32_t phr_ppm)
{
    if (rchance(r, phr_ppm)) {
        uint32_t v = pool_pick(&pool_phr, r);
        add_con(p, r, v, T_SERVICE, vref(v, 1), 0, 500000);
        if (p->nfl < MAXFF && rchance(r, 900000)) {
            fflow_t *f = &p->fl[p->nfl++];
            f->to = vref(v, 1);
            f->data = D_MED;
            f->basis = 0; /* patient-instruction */
        }
    } else {
        uint32_t v = pool_pick(&pool_other, r);
        add_con(p, r, v, rchance(r, 500000) ? T_SERVICE | T_MAINT : T_SERVICE, vref(v, 1), 0, 500000);
    }
}

static void plan_facility(int t, uint32_t i, fplan_t *p)
{
    rng_t r = rng_for(100 + (uint64_t)t, i);
    uint32_t v;
    unsigned d;

    p->t = t;
    p->i = i;
    snprintf(p->id, sizeof p->id, "%c%06" PRIu32, fprefix[t], i);
    p->nsys = p->nk = p->nfl = 0;
    p->has_ehr = 0;
    p->risk = 0;
    p->x_add = 0;

    switch (t) {
    case F_HOSP: {
        unsigned ndept, ndev;
        v = pool_pick(&pool_hosp, &r);
        if (rchance(&r, 600000)) { /* cloud EHR, shared by all the vendor's hospitals */
            p->ehr = vref(v, product(v, 0));
            p->has_ehr = 1;
            add_con(p, &r, v, T_SERVICE | T_MAINT, p->ehr, 0, 950000);
            if (rchance(&r, 20000)) { /* FAQ 2.1: contract with the IaaS, chosen by the vendor */
                unsigned ij;
                int32_t iv = iaas_under(v, product(v, 0), &ij);
                if (iv >= 0) {
                    fcon_t *c = add_con(p, &r, (uint32_t)iv, T_SERVICE, vref((uint32_t)iv, ij), 0, 950000);
                    c->selby = (int32_t)v;
                }
            }
            ndept = 1 + rbelow(&r, 2);
        } else { /* on-premise EHR */
            fsys_t *s = &p->sys[p->nsys++];
            uint32_t x = rbelow(&r, 10);
            s->layer = L_ONPREM;
            s->data = D_MED;
            s->name = N_EHR_ONPREM;
            s->prov_v = rchance(&r, 500000) ? (int32_t)v : -1;
            s->nconn = 0;
            p->ehr = fref(1);
            p->has_ehr = 1;
            add_con(p, &r, v, x < 6 ? T_MAINT : x < 9 ? T_DEVEL | T_MAINT : T_OPERATION | T_MAINT,
                    p->ehr, 1, 950000);
            ndept = rbelow(&r, 3);
        }
        for (d = 0; d < ndept; d++) {
            fsys_t *s = &p->sys[p->nsys++];
            uint32_t x = rbelow(&r, 10), m;
            s->layer = L_ONPREM;
            s->data = D_MED;
            s->name = (uint8_t)(N_DEPT0 + rbelow(&r, 6));
            s->nconn = 1;
            s->conn[0] = p->ehr;
            if (x < 5)
                s->prov_v = (int32_t)pool_pick(&pool_device, &r);
            else if (x < 8)
                s->prov_v = -1;
            else
                s->prov_v = (int32_t)v;
            if (s->prov_v >= 0 && rchance(&r, 700000))
                m = (uint32_t)s->prov_v;
            else {
                m = pool_pick(&pool_maint, &r);
                if (rchance(&r, 500000)) {
                    s->conn[1] = vref(m, 1);
                    s->nconn = 2;
                }
            }
            add_con(p, &r, m, rchance(&r, 200000) ? T_OPERATION | T_MAINT : T_MAINT,
                    fref((unsigned)p->nsys), 1, 800000);
        }
        ndev = rbelow(&r, 4);
        for (d = 0; d < ndev; d++) {
            uint32_t mk = pool_pick(&pool_device, &r);
            unsigned j = 1 + rbelow(&r, vendors[mk].nsys);
            add_con(p, &r, mk, rchance(&r, 300000) ? T_SALE : T_MAINT, vref(mk, j), 1, 400000);
        }
        if (rchance(&r, 600000)) {
            uint32_t m = pool_pick(&pool_meal, &r);
            add_con(p, &r, m, T_SERVICE, vref(m, 1), 0, 500000);
        }
        if (rchance(&r, 200000)) {
            uint32_t n = pool_pick(&pool_net, &r);
            add_con(p, &r, n, T_SERVICE, vref(n, 1), 0, 300000);
        }
        if (rchance(&r, 400000))
            add_second(p, &r, 250000);
        if (p->nsys > 0 && rchance(&r, 100000)) {
            uint32_t s = pool_pick(&pool_staff, &r);
            add_con(p, &r, s, T_DISPATCH, fref(1 + rbelow(&r, (uint32_t)p->nsys)), 0, 0);
        }
        if (rchance(&r, 100000)) {
            fflow_t *f = &p->fl[p->nfl++];
            f->to = vref(pool_pick(&pool_phr, &r), 1);
            f->data = D_MED;
            f->basis = 1; /* via-patient */
        }
        if (p->nsys > 0 && rchance(&r, 10000)) {
            p->risk = 1 + (int)rbelow(&r, (uint32_t)p->nsys);
            p->risk_treat = (uint8_t)rbelow(&r, 4);
            p->risk_text = (uint8_t)rbelow(&r, N_RISK_TEXT);
            p->risk_level = (uint8_t)rbelow(&r, 4);
        }
        break;
    }
    case F_CLIN:
        if (rchance(&r, 820000)) {
            v = pool_pick(&pool_clin, &r);
            p->ehr = vref(v, product(v, 1));
            p->has_ehr = 1;
            add_con(p, &r, v, rchance(&r, 500000) ? T_SERVICE | T_MAINT : T_SERVICE, p->ehr, 0, 950000);
        }
        if (rchance(&r, 240000))
            add_second(p, &r, 200000);
        if (rchance(&r, 120000)) {
            uint32_t mk = pool_pick(&pool_device, &r);
            unsigned j = 1 + rbelow(&r, vendors[mk].nsys);
            add_con(p, &r, mk, rchance(&r, 500000) ? T_SALE : T_MAINT, vref(mk, j), 1, 300000);
        }
        break;
    case F_DENT:
        if (rchance(&r, 800000)) {
            v = pool_pick(&pool_dent, &r);
            p->ehr = vref(v, 1);
            p->has_ehr = 1;
            add_con(p, &r, v, rchance(&r, 500000) ? T_SERVICE | T_MAINT : T_SERVICE, p->ehr, 0, 950000);
        }
        if (rchance(&r, 330000)) {
            v = pool_pick(&pool_lab, &r);
            add_con(p, &r, v, T_SERVICE, vref(v, 1), 0, 250000);
        }
        if (rchance(&r, 50000)) {
            uint32_t mk = pool_pick(&pool_device, &r);
            add_con(p, &r, mk, T_SALE, vref(mk, 1), 1, 0);
        }
        break;
    case F_PHARM:
        if (rchance(&r, 950000)) {
            v = pool_pick(&pool_pharm, &r);
            p->ehr = vref(v, 1);
            p->has_ehr = 1;
            add_con(p, &r, v, rchance(&r, 500000) ? T_SERVICE | T_MAINT : T_SERVICE, p->ehr, 0, 950000);
        }
        if (rchance(&r, 300000))
            add_second(p, &r, 1000000);
        break;
    default:
        if (rchance(&r, 800000)) {
            v = pool_pick(&pool_nurse, &r);
            p->ehr = vref(v, 1);
            p->has_ehr = 1;
            add_con(p, &r, v, T_SERVICE, p->ehr, 0, 950000);
        }
        break;
    }
    /* membership of a regional network: entrustment to the operator */
    if (rchance(&r, t == F_DENT ? no_member_ppm / 4 : no_member_ppm)) {
        uint32_t no = pool_pick(&pool_no, &r);
        sref_t s;
        fcon_t *c;
        s.kind = 'R';
        s.a = no;
        s.b = 1;
        c = add_con(p, &r, 0, T_ENTRUST, s, 3, 950000);
        c->sup_kind = 'R';
        c->sup = no;
    }

    /* after: ~0.5 % add a direct contract with a second vendor whose system
     * connects to their EHR (hash of the id, independent of the plan stream) */
    if (g_after && p->has_ehr) {
        uint64_t h = hash_id(21, p->id);
        if (h % 200 == 0) {
            p->x_add = 1;
            p->x_v = cat_first[C_OTHER] + (uint32_t)((h >> 20) % cat_n[C_OTHER]);
            p->x_agree = (int)((h >> 40) & 1);
        }
    }
}

/* ------------------------------------------------------------- emitters */

static const char *const treat_name[] = {"reduce", "avoid", "share", "accept"};
static const char *const level_name[] = {"low", "medium", "high", "critical"};

/* The dense shape's change to a facility agreement: 0 drops it (missing
 * demarcation), else some topics go (missing subcontract approval, missing
 * risk agreement).  Demarcation always stays in a kept agreement. */
static int dense_topics(const char *gid, uint16_t *topics)
{
    uint64_t h = hash_id(7, gid);
    uint32_t x = (uint32_t)(h % 1000u);
    if (x < DENSE_DROP)
        return 0;
    if (((h >> 16) % 1000u) < DENSE_NO_SUBC)
        *topics &= (uint16_t)~P_SUBC;
    if (((h >> 32) % 1000u) < DENSE_NO_RISK)
        *topics &= (uint16_t)~P_RISK;
    return 1;
}

/* review-by of an agreement, with the "after" overdue change applied */
static uint32_t review_for(const char *gid, uint32_t review)
{
    if (g_after) {
        uint64_t h = hash_id(31, gid);
        if (h % 100 == 0)
            return 20260000 + (uint32_t)(4 + (h >> 20) % 7) * 100 + 1 + (uint32_t)((h >> 30) % 28);
    }
    return review;
}

static void emit_vendor(uint32_t v)
{
    const vendor_t *V = &vendors[v];
    char id[24];
    vid(id, sizeof id, v);
    fprintf(out, "<vendor id=\"%s\" name=\"%s社\" role=\"%s\">", id, id, cat_def[V->cat].role);
    if (V->cert) {
        uint32_t until = V->cert_until;
        if (g_after && until >= AS_OF_NUM) {
            uint64_t h = hash_id(41, id);
            if (h % 50 == 0) /* ~2 % of certificates run out before as-of */
                until = 20260000 + (uint32_t)(5 + (h >> 20) % 6) * 100 + 15;
        }
        fprintf(out, "<certification scheme=\"%s\"", cert_scheme[V->cert]);
        put_date("valid-until", until);
        fputs("/>", out);
    }
    if (V->ismap)
        fputs("<certification scheme=\"ismap\"/>", out);
    if (V->soc2)
        fputs("<certification scheme=\"soc2\"/>", out);
    fputs("</vendor>\n", out);
}

static void emit_vsystem(uint32_t v, unsigned j)
{
    const vsys_t *s = &vendors[v].sys[j - 1];
    char id[32], pid[24], ref[32];
    vsid(id, sizeof id, v, j);
    vid(pid, sizeof pid, v);
    fprintf(out, "<system id=\"%s\" provider=\"%s\" layer=\"%s\"", id, pid, layer_name[s->layer]);
    put_data(s->data);
    if (s->loc_out)
        fputs(" location=\"outside\"", out);
    if (s->region)
        fprintf(out, " data-region=\"%s\"", region_name[s->region]);
    if (s->ext)
        fputs(" external-storage=\"true\"", out);
    fprintf(out, " name=\"%s\"", sys_name[s->name]);
    if (s->run_v >= 0) {
        int32_t rv = s->run_v;
        unsigned rj = s->run_j;
        if (g_after && s->new_run_v >= 0) {
            rv = s->new_run_v;
            rj = s->new_run_j;
        }
        vsid(ref, sizeof ref, (uint32_t)rv, rj);
        fprintf(out, "><runs-on ref=\"%s\"%s/></system>\n", ref,
                s->known_false ? " known=\"false\"" : "");
    } else
        fputs("/>\n", out);
}

static void emit_no(uint32_t k)
{
    char id[16];
    rng_t r = rng_for(2, k);
    int manages = rchance(&r, 600000);
    noid(id, sizeof id, k);
    fprintf(out,
            "<network-operator id=\"%s\" name=\"第%" PRIu32 "地域医療連携ネットワーク\" "
            "manages-medical-info=\"%s\">",
            id, k + 1, manages ? "true" : "false");
    if (rchance(&r, manages ? 700000 : 200000)) {
        fputs("<certification scheme=\"pmark\"", out);
        put_date("valid-until", rdate(&r, 2027, 2028));
        fputs("/>", out);
    }
    fputs("</network-operator>\n", out);
}

/* a network operator's system and its platform vendor (same stream as emit_no) */
static void no_detail(uint32_t k, int *manages, uint32_t *pv, uint16_t *topics, int *agree)
{
    rng_t r = rng_for(2, k);
    *manages = rchance(&r, 600000);
    if (rchance(&r, *manages ? 700000 : 200000))
        (void)rdate(&r, 2027, 2028);
    *pv = pool_pick(&pool_platform, &r);
    *topics = pick_topics(&r, 2);
    *agree = rchance(&r, 900000);
}

static void emit_no_system(uint32_t k)
{
    int manages, agree;
    uint32_t pv;
    uint16_t topics;
    char id[16], pid[16], ref[32];
    no_detail(k, &manages, &pv, &topics, &agree);
    noid(id, sizeof id, k);
    if (manages)
        snprintf(pid, sizeof pid, "%s", id);
    else
        vid(pid, sizeof pid, pv);
    vsid(ref, sizeof ref, pv, 4); /* a tenant of the vendor's regional platform */
    fprintf(out,
            "<system id=\"S%s-1\" provider=\"%s\" layer=\"saas\" data=\"medical\" name=\"%s\">"
            "<runs-on ref=\"%s\"/></system>\n",
            id, pid, sys_name[N_NO_SYS], ref);
}

static void emit_no_contract(uint32_t k, int agreement)
{
    int manages, agree;
    uint32_t pv;
    uint16_t topics;
    char id[16], pid[16], cov[32];
    no_detail(k, &manages, &pv, &topics, &agree);
    noid(id, sizeof id, k);
    vid(pid, sizeof pid, pv);
    if (manages)
        vsid(cov, sizeof cov, pv, 4);
    else
        snprintf(cov, sizeof cov, "S%s-1", id);
    if (!agreement) {
        fprintf(out,
                "<contract id=\"K%s-1\" client=\"%s\" supplier=\"%s\" type=\"%s\" covers=\"%s\"/>\n",
                id, id, pid, manages ? "service" : "operation maintenance", cov);
    } else if (agree) {
        char gid[24];
        snprintf(gid, sizeof gid, "G%s-1", id);
        fprintf(out, "<agreement id=\"%s\" parties=\"%s %s\"", gid, id, pid);
        put_bits("topics", topics, topic_name, 9);
        fprintf(out, " covers=\"%s\"", cov);
        {
            uint32_t rv = review_for(gid, 0);
            if (rv)
                put_date("review-by", rv);
        }
        fputs("/>\n", out);
    }
}

static void emit_vendor_contracts(uint32_t v, int agreement)
{
    const vendor_t *V = &vendors[v];
    char id[24], sup[24], cov[32], gid[32];
    unsigned j;
    vid(id, sizeof id, v);
    for (j = 1; j <= V->nsys; j++) {
        const vsys_t *s = &V->sys[j - 1];
        if (s->run_v < 0 || (uint32_t)s->run_v == v)
            continue;
        vid(sup, sizeof sup, (uint32_t)s->run_v);
        vsid(cov, sizeof cov, (uint32_t)s->run_v, s->run_j);
        if (!agreement)
            fprintf(out,
                    "<contract id=\"K%s-%u\" client=\"%s\" supplier=\"%s\" type=\"service\" "
                    "covers=\"%s\" selected-by=\"%s\"/>\n",
                    id, j, id, sup, cov, id);
        else if (V->agree_host[j - 1]) {
            uint16_t tp = V->topics_host[j - 1];
            uint32_t rv;
            if (s->known_false)
                tp |= P_UNKINFRA;
            snprintf(gid, sizeof gid, "G%s-%u", id, j);
            fprintf(out, "<agreement id=\"%s\" parties=\"%s %s\"", gid, id, sup);
            put_bits("topics", tp, topic_name, 9);
            fprintf(out, " covers=\"%s\"", cov);
            rv = review_for(gid, 0);
            if (rv)
                put_date("review-by", rv);
            fputs("/>\n", out);
        }
        /* after: the new hosting contract of an IaaS swap */
        if (g_after && s->new_run_v >= 0) {
            vid(sup, sizeof sup, (uint32_t)s->new_run_v);
            vsid(cov, sizeof cov, (uint32_t)s->new_run_v, s->new_run_j);
            if (!agreement)
                fprintf(out,
                        "<contract id=\"K%s-m%u\" client=\"%s\" supplier=\"%s\" type=\"service\" "
                        "covers=\"%s\" selected-by=\"%s\" date=\"2026-09-01\"/>\n",
                        id, j, id, sup, cov, id);
            else
                fprintf(out,
                        "<agreement id=\"G%s-m%u\" parties=\"%s %s\" "
                        "topics=\"demarcation subcontracting change-notification\" covers=\"%s\" "
                        "date=\"2026-09-01\"/>\n",
                        id, j, id, sup, cov);
        }
    }
    if (V->sub_v >= 0 && V->nsys > 0) {
        vid(sup, sizeof sup, (uint32_t)V->sub_v);
        vsid(cov, sizeof cov, v, 1);
        if (!agreement) {
            fprintf(out, "<contract id=\"K%s-9\" client=\"%s\" supplier=\"%s\"", id, id, sup);
            put_bits("type", V->sub_types, ctype_name, 8);
            fprintf(out, " covers=\"%s\"/>\n", cov);
        } else if (V->sub_agree) {
            uint32_t rv;
            snprintf(gid, sizeof gid, "G%s-9", id);
            fprintf(out,
                    "<agreement id=\"%s\" parties=\"%s %s\" "
                    "topics=\"demarcation subcontracting change-notification\" covers=\"%s\"",
                    gid, id, sup, cov);
            rv = review_for(gid, 0);
            if (rv)
                put_date("review-by", rv);
            fputs("/>\n", out);
        }
    }
}

static void emit_vendor_risk(uint32_t v)
{
    const vendor_t *V = &vendors[v];
    char id[24], sid[32];
    if (!V->risk || V->nsys == 0)
        return;
    vid(id, sizeof id, v);
    vsid(sid, sizeof sid, v, 1);
    fprintf(out, "<risk id=\"X%s-1\" system=\"%s\" owner=\"%s\" treatment=\"%s\" level=\"%s\"",
            id, sid, id, treat_name[V->risk_treat], level_name[V->risk_level]);
    put_date("reviewed", 20260000 + (1 + v % 9) * 100 + 1 + v % 28);
    fprintf(out, ">%s</risk>\n", risk_text[V->risk_text]);
}

enum { PASS_FAC, PASS_SYS, PASS_CON, PASS_AGR, PASS_FLOW, PASS_RISK };

static void emit_facility_pass(const fplan_t *p, int pass)
{
    char a[48], b[48], c[48];
    int n;
    switch (pass) {
    case PASS_FAC:
        fprintf(out, "<facility id=\"%s\" type=\"%s\" name=\"第%" PRIu32 "%s\"/>\n", p->id,
                ftype[p->t], p->i, fjname[p->t]);
        break;
    case PASS_SYS:
        for (n = 0; n < p->nsys; n++) {
            const fsys_t *s = &p->sys[n];
            int q;
            if (s->prov_v >= 0)
                vid(a, sizeof a, (uint32_t)s->prov_v);
            else
                snprintf(a, sizeof a, "%s", p->id);
            fprintf(out, "<system id=\"S%s-%d\" provider=\"%s\" layer=\"%s\"", p->id, n + 1, a,
                    layer_name[s->layer]);
            put_data(s->data);
            fprintf(out, " name=\"%s\"", sys_name[s->name]);
            if (!s->nconn) {
                fputs("/>\n", out);
                continue;
            }
            putc('>', out);
            for (q = 0; q < s->nconn; q++) {
                fmt_sref(b, sizeof b, s->conn[q], p->id);
                fprintf(out, "<connects-to ref=\"%s\"/>", b);
            }
            fputs("</system>\n", out);
        }
        if (p->x_add) {
            fmt_sref(b, sizeof b, p->ehr, p->id);
            vid(a, sizeof a, p->x_v);
            {
                const vsys_t *xs = &vendors[p->x_v].sys[0];
                vsid(c, sizeof c, (uint32_t)xs->run_v, xs->run_j);
            }
            fprintf(out,
                    "<system id=\"S%s-x\" provider=\"%s\" layer=\"saas\" data=\"medical\" "
                    "name=\"%s\"><runs-on ref=\"%s\"/><connects-to ref=\"%s\" api=\"true\"/>"
                    "</system>\n",
                    p->id, a, sys_name[N_LINK], c, b);
        }
        break;
    case PASS_CON:
        for (n = 0; n < p->nk; n++) {
            const fcon_t *k = &p->k[n];
            if (k->sup_kind == 'R')
                noid(a, sizeof a, k->sup);
            else
                vid(a, sizeof a, k->sup);
            fmt_sref(b, sizeof b, k->cov, p->id);
            fprintf(out, "<contract id=\"K%s-%d\" client=\"%s\" supplier=\"%s\"", p->id, n + 1,
                    p->id, a);
            put_bits("type", k->types, ctype_name, 8);
            fprintf(out, " covers=\"%s\"", b);
            if (k->selby >= 0) {
                vid(c, sizeof c, (uint32_t)k->selby);
                fprintf(out, " selected-by=\"%s\"", c);
            }
            fputs("/>\n", out);
        }
        if (p->x_add) {
            vid(a, sizeof a, p->x_v);
            fprintf(out,
                    "<contract id=\"K%s-x\" client=\"%s\" supplier=\"%s\" type=\"service\" "
                    "covers=\"S%s-x\" date=\"2026-10-01\"/>\n",
                    p->id, p->id, a, p->id);
        }
        break;
    case PASS_AGR:
        for (n = 0; n < p->nk; n++) {
            const fcon_t *k = &p->k[n];
            uint32_t rv;
            uint16_t topics = k->topics;
            if (!k->agree)
                continue;
            snprintf(c, sizeof c, "G%s-%d", p->id, n + 1);
            if (g_dense && !dense_topics(c, &topics))
                continue;
            if (k->sup_kind == 'R')
                noid(a, sizeof a, k->sup);
            else
                vid(a, sizeof a, k->sup);
            fprintf(out, "<agreement id=\"%s\" parties=\"%s %s\"", c, p->id, a);
            put_bits("topics", topics, topic_name, 9);
            if (k->date)
                put_date("date", k->date);
            rv = review_for(c, k->review);
            if (rv)
                put_date("review-by", rv);
            if (!k->documented)
                fputs(" documented=\"false\"", out);
            fputs("/>\n", out);
        }
        if (p->x_add && p->x_agree) {
            vid(a, sizeof a, p->x_v);
            fprintf(out,
                    "<agreement id=\"G%s-x\" parties=\"%s %s\" "
                    "topics=\"demarcation integration change-notification\" date=\"2026-10-01\"/>\n",
                    p->id, p->id, a);
        }
        break;
    case PASS_FLOW:
        for (n = 0; n < p->nfl; n++) {
            const fflow_t *f = &p->fl[n];
            fmt_sref(b, sizeof b, f->to, p->id);
            fprintf(out, "<flow id=\"F%s-%d\" from=\"%s\" to=\"%s\"", p->id, n + 1, p->id, b);
            put_data(f->data);
            fprintf(out, " basis=\"%s\"/>\n", f->basis ? "via-patient" : "patient-instruction");
        }
        break;
    case PASS_RISK:
        if (p->risk) {
            const fcon_t *m = NULL;
            for (n = 0; n < p->nk; n++)
                if (p->k[n].cov.kind == 'F' && p->k[n].cov.b == (unsigned)p->risk &&
                    (p->k[n].types & T_MAINT)) {
                    m = &p->k[n];
                    break;
                }
            fprintf(out,
                    "<risk id=\"X%s-1\" system=\"S%s-%d\" owner=\"%s\" treatment=\"%s\" "
                    "level=\"%s\"",
                    p->id, p->id, p->risk, p->id, treat_name[p->risk_treat],
                    level_name[p->risk_level]);
            if (m) {
                vid(a, sizeof a, m->sup);
                fprintf(out, " agreed-with=\"%s\"", a);
            }
            fprintf(out, ">%s</risk>\n", risk_text[p->risk_text]);
        }
        break;
    default:
        break;
    }
}

static void facility_pass(int pass)
{
    fplan_t p;
    int t;
    uint32_t i;
    for (t = 0; t < NFT; t++)
        for (i = 1; i <= fcount[t]; i++) {
            plan_facility(t, i, &p);
            emit_facility_pass(&p, pass);
        }
}

/* ----------------------------------------------------------------- main */

static void usage(FILE *f)
{
    fputs("usage: gen_national [--seed N] [--scale F] [--variant before|after]\n"
          "                    [--shape default|dense] [-o FILE]\n"
          "  --seed N      PRNG seed (default 1); same seed = byte-identical output\n"
          "  --scale F     1.0 = national size, about 257k facilities, 87 MB (default 1.0)\n"
          "  --variant V   before (default) or after (deterministic set of changes)\n"
          "  --shape S     default, or dense: about 1.6 findings per facility\n"
          "                (facility agreements missing or lacking topics)\n"
          "  -o FILE       write to FILE instead of stdout\n",
          f);
}

static const char *optval(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) == 0 && a[n] == '=')
        return a + n + 1;
    if (strcmp(a, name) == 0) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "gen_national: %s needs a value\n", name);
            exit(2);
        }
        return argv[++*i];
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = 1.0;
    const char *outfile = NULL, *v;
    int i, t;
    uint32_t k;
    static char buf[1 << 20];

    for (i = 1; i < argc; i++) {
        char *end;
        if ((v = optval(argc, argv, &i, "--seed")) != NULL) {
            errno = 0;
            g_seed = strtoull(v, &end, 10);
            if (errno || end == v || *end) {
                fprintf(stderr, "gen_national: bad seed '%s'\n", v);
                return 2;
            }
        } else if ((v = optval(argc, argv, &i, "--scale")) != NULL) {
            errno = 0;
            scale = strtod(v, &end);
            if (errno || end == v || *end || !(scale > 0) || scale > 100) {
                fprintf(stderr, "gen_national: bad scale '%s' (0 < F <= 100)\n", v);
                return 2;
            }
        } else if ((v = optval(argc, argv, &i, "--variant")) != NULL) {
            if (strcmp(v, "before") == 0)
                g_after = 0;
            else if (strcmp(v, "after") == 0)
                g_after = 1;
            else {
                fprintf(stderr, "gen_national: bad variant '%s' (before|after)\n", v);
                return 2;
            }
        } else if ((v = optval(argc, argv, &i, "--shape")) != NULL) {
            if (strcmp(v, "default") == 0)
                g_dense = 0;
            else if (strcmp(v, "dense") == 0)
                g_dense = 1;
            else {
                fprintf(stderr, "gen_national: bad shape '%s' (default|dense)\n", v);
                return 2;
            }
        } else if ((v = optval(argc, argv, &i, "-o")) != NULL) {
            outfile = v;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "gen_national: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }

    ftotal = 0;
    for (t = 0; t < NFT; t++) {
        fcount[t] = scaled(fbase[t], scale, 1);
        ftotal += fcount[t];
    }
    build_vendors(scale);
    /* ~88 members per operator on average (dental clinics join a quarter as often) */
    {
        uint64_t eff = ftotal - fcount[F_DENT] * 3u / 4u;
        uint64_t ppm = (uint64_t)88 * n_no * 1000000u / (eff ? eff : 1);
        no_member_ppm = (uint32_t)(ppm > 1000000 ? 1000000 : ppm);
    }

    if (outfile) {
        out = fopen(outfile, "wb");
        if (!out) {
            fprintf(stderr, "gen_national: %s: %s\n", outfile, strerror(errno));
            return 1;
        }
    } else
        out = stdout;
    setvbuf(out, buf, _IOFBF, sizeof buf);

    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!-- generated by gen_national: seed %" PRIu64 ", scale %g, variant %s -->\n"
            "<deployment xmlns=\"urn:medscope:deployment:1\" name=\"全国モデル (seed %" PRIu64
            ")\" as-of=\"" AS_OF "\">\n",
            g_seed, scale, g_after ? "after" : "before", g_seed);

    for (k = 0; k < nvendors; k++)
        emit_vendor(k);
    for (k = 0; k < n_no; k++)
        emit_no(k);
    facility_pass(PASS_FAC);

    for (k = 0; k < nvendors; k++) {
        unsigned j;
        for (j = 1; j <= vendors[k].nsys; j++)
            emit_vsystem(k, j);
    }
    for (k = 0; k < n_no; k++)
        emit_no_system(k);
    facility_pass(PASS_SYS);

    for (k = 0; k < nvendors; k++)
        emit_vendor_contracts(k, 0);
    for (k = 0; k < n_no; k++)
        emit_no_contract(k, 0);
    facility_pass(PASS_CON);

    for (k = 0; k < nvendors; k++)
        emit_vendor_contracts(k, 1);
    for (k = 0; k < n_no; k++)
        emit_no_contract(k, 1);
    facility_pass(PASS_AGR);

    facility_pass(PASS_FLOW);

    for (k = 0; k < nvendors; k++)
        emit_vendor_risk(k);
    facility_pass(PASS_RISK);

    fputs("</deployment>\n", out);

    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "gen_national: write error: %s\n", strerror(errno));
        return 1;
    }
    if (outfile && fclose(out) != 0) {
        fprintf(stderr, "gen_national: %s: %s\n", outfile, strerror(errno));
        return 1;
    }
    return 0;
}
