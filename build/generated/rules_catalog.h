/* rules_catalog.h - generated from models/rules.xml by gen_catalog; do not edit */
#ifndef MS_RULES_CATALOG_H
#define MS_RULES_CATALOG_H

#ifdef __cplusplus
extern "C" {
#endif

/* One per rule code, in catalog order. */
typedef enum {
	MS_RULE_DIRECT_CONTRACT, /* direct-contract */
	MS_RULE_PATIENT_INSTRUCTION, /* patient-instruction */
	MS_RULE_SUPPLY_CHAIN, /* supply-chain */
	MS_RULE_CONNECTED_SERVICE, /* connected-service */
	MS_RULE_FACILITY, /* facility */
	MS_RULE_COORDINATION_ONLY, /* coordination-only */
	MS_RULE_SALE_ONLY, /* sale-only */
	MS_RULE_DISPATCH_ONLY, /* dispatch-only */
	MS_RULE_PATCH_ONLY, /* patch-only */
	MS_RULE_VIA_PATIENT, /* via-patient */
	MS_RULE_NOT_RELEVANT, /* not-relevant */
	MS_RULE_NO_RELATION, /* no-relation */
	MS_RULE_SELF_OPERATED, /* self-operated */
	MS_RULE_UNKNOWN_PROVIDER, /* unknown-provider */
	MS_RULE_PROCURED_BY_PRIME, /* procured-by-prime */
	MS_RULE_SELECTED_BY_PRIME, /* selected-by-prime */
	MS_RULE_FACILITY_CONTRACTED, /* facility-contracted */
	MS_RULE_PRIME_PROVIDER, /* prime-provider */
	MS_RULE_PRIME_SUPPLY_CHAIN, /* prime-supply-chain */
	MS_RULE_MISSING_DEMARCATION, /* missing-demarcation */
	MS_RULE_MISSING_RISK_AGREEMENT, /* missing-risk-agreement */
	MS_RULE_MISSING_SUBCONTRACT_APPROVAL, /* missing-subcontract-approval */
	MS_RULE_MISSING_SUPPLIER_AGREEMENT, /* missing-supplier-agreement */
	MS_RULE_MISSING_INTEGRATION_AGREEMENT, /* missing-integration-agreement */
	MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, /* unknown-infrastructure-undisclosed */
	MS_RULE_MISSING_CHANGE_NOTIFICATION, /* missing-change-notification */
	MS_RULE_MISSING_LIFECYCLE_AGREEMENT, /* missing-lifecycle-agreement */
	MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, /* third-party-provision-undocumented */
	MS_RULE_RISK_ACCEPTANCE_UNAGREED, /* risk-acceptance-unagreed */
	MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE, /* residual-risk-review-overdue */
	MS_RULE_MISSING_CERTIFICATION, /* missing-certification */
	MS_RULE_CERTIFICATION_EXPIRED, /* certification-expired */
	MS_RULE_DATA_OUTSIDE_JAPAN, /* data-outside-japan */
	MS_RULE_DATA_REGION_UNKNOWN, /* data-region-unknown */
	MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION, /* external-storage-no-cloud-certification */
	MS_RULE_AGREEMENT_REVIEW_OVERDUE, /* agreement-review-overdue */
	MS_RULE_DEMARCATION_NOT_IN_WRITING, /* demarcation-not-in-writing */
	MS_RULE_PROVIDER_UNKNOWN, /* provider-unknown */
	MS_RULE_MISSING_CONTRACT, /* missing-contract */
	MS_RULE__COUNT
} ms_rule_id;

typedef enum {
	MS_KIND_SCOPE_IN,
	MS_KIND_SCOPE_OUT,
	MS_KIND_OWNERSHIP,
	MS_KIND_AGREEMENT,
	MS_KIND_FINDING
} ms_rule_kind;

typedef enum {
	MS_SEV_NONE = 0,
	MS_SEV_NOTE = 1,
	MS_SEV_WARNING = 2,
	MS_SEV_ERROR = 3
} ms_severity;

typedef struct {
	const char *code;
	ms_rule_kind kind;
	ms_severity severity;
	const char *topic; /* NULL unless kind == MS_KIND_AGREEMENT */
	const char *cite_key, *cite_quote, *cite_source, *basis;
	const char *args; /* placeholder names the messages use, space-separated */
	const char *title[2], *message[2], *help[2]; /* index 0 = en, 1 = ja */
} ms_rule;

extern const ms_rule ms_rules[MS_RULE__COUNT];

/* The guideline versions the catalog follows (UTF-8). */
extern const char ms_rules_guideline[];

/* Index of the rule with this code, or -1 (binary search over a sorted index). */
int ms_rule_lookup(const char *code);

#ifdef __cplusplus
}
#endif

#endif
