"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZReplaceModelPricesBody, type ModelPricesDto, type TReplaceModelPricesBody } from "@/lib/costs/schemas";
import { settingsKeys } from "./query-keys";

type PricesForm = z.input<typeof ZReplaceModelPricesBody>;
const COLUMNS = ["model", "inputUsdPerMillion", "outputUsdPerMillion"] as const;
const field = "w-full rounded-md border px-2 py-1 text-sm";

/**
 * Model prices (USD per million tokens) from which trace and span costs are estimated. Admins
 * edit the whole table and save it at once; saving recomputes the affected traces' costs.
 */
export function ModelPricesPanel({ canEdit }: { canEdit: boolean }) {
  const current = useQuery({
    queryKey: settingsKeys.modelPrices,
    queryFn: ({ signal }) => api.get<ModelPricesDto>("/api/costs/prices", signal),
  });
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-labelledby="model-prices-title">
      <h2 id="model-prices-title" className="text-base font-semibold">
        Model prices
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Costs of traces and spans are estimated from their token usage and these prices, in USD per one million tokens.
        A span&apos;s model matches a row of the same name or a dated version of it (<code>gpt-4o-2024-08-06</code> uses{" "}
        <code>gpt-4o</code>). The defaults are list prices at the time of writing: check them against your contracts.
      </p>
      {current.error ? (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {errorMessage(current.error)}
        </p>
      ) : null}
      {current.data ? (
        <PricesForm
          key={current.dataUpdatedAt}
          prices={current.data.prices}
          recomputed={current.data.recomputedTraces}
          canEdit={canEdit}
        />
      ) : null}
    </section>
  );
}

function PricesForm({
  prices,
  recomputed,
  canEdit,
}: {
  prices: ModelPricesDto["prices"];
  recomputed?: number;
  canEdit: boolean;
}) {
  const client = useQueryClient();
  const form = useForm<PricesForm, unknown, TReplaceModelPricesBody>({
    resolver: zodResolver(ZReplaceModelPricesBody),
    defaultValues: {
      prices: prices.map((p) => ({
        model: p.model,
        inputUsdPerMillion: p.inputUsdPerMillion,
        outputUsdPerMillion: p.outputUsdPerMillion,
      })),
    },
  });
  const rows = useFieldArray({ control: form.control, name: "prices" });
  const save = useMutation({
    mutationFn: (body: TReplaceModelPricesBody) => api.put<ModelPricesDto>("/api/costs/prices", body),
    onSuccess: (saved) => {
      client.setQueryData(settingsKeys.modelPrices, saved);
      // Trace lists and views show the new costs.
      void client.invalidateQueries({ queryKey: ["traces"] });
      void client.invalidateQueries({ queryKey: ["conversations"] });
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
    } catch (err) {
      const paths = rows.fields.flatMap((_, i) => COLUMNS.map((c) => `prices.${i}.${c}`));
      applyServerErrors(err, form.setError, ["prices", ...paths]);
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3">
      <table className="w-full text-sm" aria-label="Model prices">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Model</th>
            <th className="py-1 pr-2 font-medium">Input USD / 1M tokens</th>
            <th className="py-1 pr-2 font-medium">Output USD / 1M tokens</th>
            {canEdit ? (
              <th className="py-1 font-medium">
                <span className="sr-only">Remove</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.fields.map((row, i) => {
            const rowErrors = errors.prices?.[i];
            return (
              <tr key={row.id} className="align-top">
                {COLUMNS.map((c) => {
                  const err = rowErrors?.[c];
                  const label = `${c === "model" ? "Model" : c === "inputUsdPerMillion" ? "Input price" : "Output price"} of row ${i + 1}`;
                  return (
                    <td key={c} className="py-1 pr-2">
                      <input
                        aria-label={label}
                        aria-invalid={Boolean(err)}
                        readOnly={!canEdit}
                        inputMode={c === "model" ? undefined : "decimal"}
                        className={`${field} ${err ? "border-red-400" : "border-slate-300"} ${c === "model" ? "font-mono" : "tabular-nums"}`}
                        {...form.register(`prices.${i}.${c}`)}
                      />
                      {err ? (
                        <p role="alert" className="mt-0.5 text-xs text-red-600">
                          {err.message}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
                {canEdit ? (
                  <td className="py-1">
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Remove row ${i + 1}`}
                      onClick={() => rows.remove(i)}
                    >
                      <Trash2 aria-hidden className="h-4 w-4" />
                    </Button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.fields.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No prices: costs are not estimated. Add a model to start.</p>
      ) : null}
      {canEdit ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => rows.append({ model: "", inputUsdPerMillion: 0, outputUsdPerMillion: 0 })}
          >
            <Plus aria-hidden className="h-4 w-4" />
            Add model
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving and recomputing costs…" : "Save prices"}
          </Button>
          <FormError errors={errors} />
          {errors.prices?.root?.message || errors.prices?.message ? (
            <p role="alert" className="text-sm text-red-600">
              {errors.prices?.root?.message ?? errors.prices?.message}
            </p>
          ) : null}
          {recomputed != null ? (
            <p role="status" className="text-sm text-emerald-700" data-testid="prices-saved">
              Saved. Recomputed the cost of {recomputed} trace{recomputed === 1 ? "" : "s"}.
            </p>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-xs text-slate-500">Only admins change prices.</p>
      )}
    </form>
  );
}
