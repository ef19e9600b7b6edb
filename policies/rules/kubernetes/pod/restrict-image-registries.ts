import { z } from "zod";
import { asString } from "../../../lib/values.js";
import { podRule } from "./pod-rule.js";

function normRegistry(r: string): string {
  return r.trim().toLowerCase().replace(/\/+$/, "");
}

export const restrictImageRegistries = podRule({
  name: "kubernetes-pod-restrict-image-registries",
  description:
    "Every container image comes from an allowed registry (`allowedRegistries`, the unit's own registry and Microsoft's): the image reference starts with `<registry>/`. Images without a registry host (Docker Hub's implicit default) are refused.",
  severity: "high",
  remediation:
    "Import the image into the unit's container registry and reference it there, or, after a supply-chain review, add the registry to `allowedRegistries` in the policy pack configuration.",
  controls: { nis2: [4], iso27001: ["8.9", "8.32"], alz: ["Enforce-GR-Kubernetes0"] },
  config: z.strictObject({
    allowedRegistries: z
      .array(z.string().min(1))
      .min(1)
      .default(["mcr.microsoft.com"])
      .describe("Registries (host, optionally with a path prefix) images may come from."),
  }),
  problems: (pod, config) => {
    const allowed = config.allowedRegistries.map(normRegistry);
    return pod.containers.flatMap((c) => {
      const image = asString(c.props.image);
      if (image === undefined) return [`container '${c.name}' has no image (${c.path}.image).`];
      const ref = image.toLowerCase();
      return allowed.some((r) => ref.startsWith(`${r}/`))
        ? []
        : [`container '${c.name}' uses image '${image}', not from an allowed registry (${allowed.join(", ")}).`];
    });
  },
});
