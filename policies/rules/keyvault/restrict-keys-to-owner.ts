import { azureNameOf, resourceGroupOf, vaultNameFromUri } from "../../lib/azure.js";
import { indexOf, type StackIndex } from "../../lib/graph.js";
import { noParams } from "../../lib/params.js";
import { isUnknownValueError, known, UNKNOWN } from "../../lib/preview.js";
import { AZ } from "../../lib/types.js";
import { asArray, asString, at } from "../../lib/values.js";
import { defineStackRule, type StackResource, type StackRuleContext } from "../../rule.js";

interface KeyReference {
  /** What the reference is, for the message. */
  via: string;
  target?: StackResource;
}

interface KeyReferences {
  refs: KeyReference[];
  /** Set when whose key material the resource uses can't be told during preview, saying why. */
  undecided?: string;
}

function vaultByUri(index: StackIndex, uri: string | undefined): StackResource | undefined {
  const name = uri ? vaultNameFromUri(uri) : undefined;
  return name ? index.ofType(AZ.keyVault).find((v) => azureNameOf(v)?.toLowerCase() === name) : undefined;
}

/**
 * Where a disk encryption set takes its key from. The Compute API defines
 * `activeKey.sourceVault` as "the Key Vault containing the key", so when it is
 * set, `activeKey.keyUrl` names a key in that very vault and the vault id alone
 * says whose key it is; the key URL is not read at all. That also decides the
 * common preview case: the vault's id is known before its key exists, while the
 * key's URL (the Key's `keyUri` output) is not. The key URL decides only when
 * the source vault is not given (a vault in another subscription) or not known.
 */
function diskEncryptionSetKey(index: StackIndex, p: Record<string, unknown>): KeyReferences {
  const vaultId = known(() => asString(at(p, "activeKey", "sourceVault", "id")));
  if (typeof vaultId === "string") return { refs: [{ via: `activeKey.sourceVault.id ${vaultId}`, target: index.byId(vaultId) }] };
  const keyUrl = known(() => asString(at(p, "activeKey", "keyUrl")));
  if (typeof keyUrl === "string") return { refs: [{ via: `activeKey.keyUrl ${keyUrl}`, target: vaultByUri(index, keyUrl) }] };
  if (vaultId === UNKNOWN || keyUrl === UNKNOWN) {
    const vault = vaultId === UNKNOWN ? "unknown" : "not set";
    const key = keyUrl === UNKNOWN ? "unknown" : "not set";
    return { refs: [], undecided: `activeKey.sourceVault.id is ${vault} and activeKey.keyUrl is ${key} during preview` };
  }
  return { refs: [] };
}

/** The key material (vault or disk encryption set) a resource's encryption points at. */
function referencesOf(index: StackIndex, r: StackResource): KeyReferences {
  const p = r.props;
  const refs: KeyReference[] = [];
  const byId = (via: string, id: unknown) => {
    const s = asString(id);
    if (s) refs.push({ via: `${via} ${s}`, target: index.byId(s) });
  };
  switch (r.type) {
    case AZ.key:
    case AZ.secret: {
      const vault = index.byName(AZ.keyVault, resourceGroupOf(r), asString(p.vaultName));
      if (vault) refs.push({ via: `vault '${azureNameOf(vault)}'`, target: vault });
      break;
    }
    case AZ.diskEncryptionSet:
      return diskEncryptionSetKey(index, p);
    case AZ.disk:
      byId("encryption.diskEncryptionSetId", at(p, "encryption", "diskEncryptionSetId"));
      break;
    case AZ.virtualMachine: {
      byId("storageProfile.osDisk.managedDisk.diskEncryptionSet.id", at(p, "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id"));
      asArray(at(p, "storageProfile", "dataDisks")).forEach((d, i) =>
        byId(`storageProfile.dataDisks[${i}].managedDisk.diskEncryptionSet.id`, at(d, "managedDisk", "diskEncryptionSet", "id")),
      );
      break;
    }
    case AZ.storageAccount: {
      const uri = asString(at(p, "encryption", "keyVaultProperties", "keyVaultUri"));
      if (uri) refs.push({ via: `encryption.keyVaultProperties.keyVaultUri ${uri}`, target: vaultByUri(index, uri) });
      break;
    }
    case AZ.managedCluster:
      byId("diskEncryptionSetID", p.diskEncryptionSetID);
      break;
    case AZ.recoveryVault: {
      const uri = asString(at(p, "properties", "encryption", "keyVaultProperties", "keyUri"));
      if (uri) refs.push({ via: `properties.encryption.keyVaultProperties.keyUri ${uri}`, target: vaultByUri(index, uri) });
      break;
    }
  }
  return { refs };
}

const KEY_USERS = new Set<string>([AZ.key, AZ.secret, AZ.diskEncryptionSet, AZ.disk, AZ.virtualMachine, AZ.storageAccount, AZ.managedCluster, AZ.recoveryVault]);

export const restrictKeysToOwner = defineStackRule({
  name: "azure-keyvault-restrict-keys-to-owner",
  kind: "stack",
  description:
    "A municipality's Key Vault, keys and disk encryption sets are used only by that municipality's resources, and platform key material only by the platform: a key or secret lives in its owner's vault, a disk encryption set takes its key from its owner's vault, and disks, VMs, storage accounts, clusters and backup vaults use their owner's disk encryption set or vault.",
  severity: "critical",
  category: "security",
  remediation:
    "Use the owning municipality's own Key Vault and disk encryption set (each municipality has its own; see the tenant component). Never share key material between municipalities or between a municipality and the platform.",
  controls: { nis2: [8, 9], iso27001: ["8.24", "5.15"], alz: [], alzNote: "ALZ deploys no Key Vault per landing zone (a gap named in controls.md)." },
  config: noParams(),
  validate(resources, ctx) {
    const index = indexOf(resources);
    for (const r of resources) {
      if (!KEY_USERS.has(r.type)) continue;
      // One resource's unknown value leaves that resource undecided, not the whole stack unchecked.
      try {
        checkResource(index, r, ctx);
      } catch (e) {
        if (!isUnknownValueError(e)) throw e;
        ctx.undecided(`'${r.name}' (${r.type}): ${e.message}, so whose key material it uses can't be checked`, { urn: r.urn });
      }
    }
  },
});

function checkResource(index: StackIndex, r: StackResource, ctx: StackRuleContext<unknown>): void {
  const owner = index.ownerOf(r);
  if (!owner) return;
  const { refs, undecided } = referencesOf(index, r);
  if (undecided) {
    ctx.undecided(`'${r.name}' (${r.type}, kommunekode ${owner}): ${undecided}, so whose key it uses can't be checked`, { urn: r.urn, kommunekode: owner });
  }
  for (const ref of refs) {
    const keyOwner = index.ownerOf(ref.target);
    if (!ref.target || !keyOwner || keyOwner === owner) continue;
    ctx.report(`'${r.name}' (kommunekode ${owner}) uses key material of kommunekode ${keyOwner}: ${ref.via} is '${ref.target.name}'.`, {
      urn: r.urn,
      kommunekode: owner,
    });
  }
}
