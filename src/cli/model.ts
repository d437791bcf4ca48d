/**
 * `agendador model train [--tenant <id or name>]`: trains the no-show model of one tenant, or of every
 * tenant, now (scores also retrain it by themselves once it is a day old and new outcomes exist).
 */
import { Command } from 'commander';
import { asc } from 'drizzle-orm';
import type { Tenant } from '../core/model';
import { keptPriorReason } from '../core/no-show/service';
import { tenants } from '../db/schema';
import { CliError, type CliContext, type CliRunner } from './keys';

/** A tenant by id or by name. */
export async function findTenant(ctx: CliContext, idOrName: string): Promise<Tenant> {
  const wanted = idOrName.trim();
  const tenant = (await ctx.repos.tenants.get(wanted)) ?? (await ctx.repos.tenants.findByName(wanted));
  if (!tenant) throw new CliError(`no tenant has the id or name '${idOrName}'`);
  return tenant;
}

export async function allTenants(ctx: CliContext): Promise<Tenant[]> {
  return ctx.handle.db.select().from(tenants).orderBy(asc(tenants.name));
}

const fixed = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(digits));

async function train(ctx: CliContext, opts: { tenant?: string }): Promise<void> {
  const list = opts.tenant !== undefined ? [await findTenant(ctx, opts.tenant)] : await allTenants(ctx);
  if (list.length === 0) {
    ctx.print('No tenants.');
    return;
  }
  for (const tenant of list) {
    const result = await ctx.core.noShow.train(tenant.id);
    if (!result.trained) {
      const completed = result.outcomes - result.no_shows;
      const why =
        result.outcomes < result.min_outcomes
          ? `fewer than ${result.min_outcomes}`
          : `${result.no_shows} no-show(s) and ${completed} completed visit(s): a model needs at least ${result.min_per_outcome} of each`;
      ctx.print(`Tenant '${tenant.name}': ${result.outcomes} outcome(s), ${why}; scores keep using the documented prior.`);
      continue;
    }
    const m = result.model;
    const h = m.holdout;
    if (result.kept_prior) {
      ctx.print(
        `Tenant '${tenant.name}': trained no-show model version ${m.version} on ${m.samples} outcomes (${m.no_shows} no-shows), ` +
          `but kept the documented prior: ${keptPriorReason(m)}. Scores keep using the prior until a retrained model beats it.`,
      );
      continue;
    }
    ctx.print(
      `Tenant '${tenant.name}': trained no-show model version ${m.version} on ${m.samples} outcomes (${m.no_shows} no-shows).` +
        (h
          ? ` Holdout ${h.from_date}..${h.to_date} (${h.samples}): AUC ${fixed(h.auc)}, Brier ${fixed(h.brier, 4)} ` +
            `(base rate ${fixed(h.base_rate)}, its Brier ${fixed(h.base_rate_brier, 4)}; prior AUC ${fixed(h.prior_auc)}), ` +
            `top decile no-show rate ${fixed(h.top_decile_no_show_rate)}.`
          : ' Too few outcomes for a holdout report.'),
    );
  }
}

export function modelCommand(run: CliRunner): Command {
  const model = new Command('model').description('the no-show prediction model');
  model
    .command('train')
    .description('train the no-show model now, for one tenant or all of them')
    .option('--tenant <id-or-name>', 'only this tenant')
    .action((opts: { tenant?: string }) => run((ctx) => train(ctx, opts)));
  return model;
}
