import { z } from "zod";
import { DATA_CLASSIFICATIONS, PLATFORM_SCOPE, REQUIRED_TAGS, TAG } from "../../../components/vocabulary/tags.js";
import { isTenantCode } from "../../lib/tenancy.js";
import { TAGGABLE_AZURE_TYPES } from "../../lib/types.js";
import { asRecord, asString, show } from "../../lib/values.js";
import { ALL_AZURE_NATIVE, defineResourceRule } from "../../rule.js";
import { noParams } from "../../lib/params.js";

export const requireTags = defineResourceRule({
  name: "azure-resources-require-tags",
  kind: "resource",
  description:
    `Every taggable Azure resource carries the tag contract's required tags (${REQUIRED_TAGS.join(", ")}) with valid values: ` +
    "`kommunekode` is a 3-digit municipality code or `platform`, `dataClassification` one of the contract's classes, " +
    "`costReference` `<EAN>/<cost centre>`. Attribution to a municipality is what tenant isolation, billing and exemptions rest on.",
  severity: "high",
  category: "security",
  remediation:
    "Build tags with `platformTags(...)` or `tenantTags(...)` from components/vocabulary/tags.ts and pass them to the resource; never assemble tag maps by hand.",
  controls: { nis2: [9], iso27001: ["8.9"], alz: ["Audit-Tags-Mandatory (definition)"] },
  config: noParams(),
  resourceTypes: [ALL_AZURE_NATIVE],
  validate(resource, ctx) {
    const hasTagsInput = "tags" in resource.props;
    if (!TAGGABLE_AZURE_TYPES.has(resource.type) && !hasTagsInput) {
      return ctx.notApplicable("The resource type takes no tags");
    }
    const tags = asRecord(resource.props.tags) ?? {};
    const missing = REQUIRED_TAGS.filter((key) => asString(tags[key]) === undefined);
    if (missing.length > 0) {
      ctx.report(
        `'${resource.name}' lacks required tag(s) ${missing.map((k) => `'${k}'`).join(", ")} (tags are ${show(resource.props.tags)}).`,
      );
    }
    const code = asString(tags[TAG.kommunekode]);
    if (code !== undefined && code !== PLATFORM_SCOPE && !isTenantCode(code)) {
      ctx.report(`'${resource.name}' has tag kommunekode=${show(code)}; allowed: a 3-digit kommunekode or '${PLATFORM_SCOPE}'.`);
    }
    const classification = asString(tags[TAG.dataClassification]);
    if (classification !== undefined && !(DATA_CLASSIFICATIONS as readonly string[]).includes(classification)) {
      ctx.report(
        `'${resource.name}' has tag dataClassification=${show(classification)}; allowed: ${DATA_CLASSIFICATIONS.join(", ")}.`,
      );
    }
    const cost = asString(tags[TAG.costReference]);
    if (cost !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(cost)) {
      ctx.report(`'${resource.name}' has tag costReference=${show(cost)}; expected '<EAN>/<cost centre>'.`);
    }
  },
});
