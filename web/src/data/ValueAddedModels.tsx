// The Data page's value-added models: each stage's specification (covariates, random slope, bands,
// national reference), a preview of a changed one against the published on the stage's latest cohort
// (coefficients, variances, how many schools change band), and publishing it, which republishes the
// stage's KPIs. For whole-authority roles that may change KPIs; the server checks again.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  FitSummary,
  listStageModelsRoute,
  previewStageModelRoute,
  publishStageModelRoute,
  StageModel,
  StageModelPreview,
} from '../../../src/value-added/model-contract.ts';
import { getJson, path, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { percentOrUnknown } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

type Entry = Answer<typeof listStageModelsRoute>['stages'][number];

const listOf = (text: string) =>
  text.trim() === 'default'
    ? null
    : text
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);

function FitColumn({ fit }: { fit: FitSummary | null }) {
  if (!fit) return <td>cannot be fitted</td>;
  return (
    <td>
      {fit.outcome} ~ {fit.covariates.length > 0 ? fit.covariates.join(' + ') : '1 (null model)'}
      {fit.random_slope ? `; ${fit.random_slope} slope by school` : ''}
      <br />
      {fit.pupils.toLocaleString('en-GB')} pupils, {fit.schools} schools; log-likelihood{' '}
      {fit.logLik.toFixed(1)}
      <br />
      variance between schools {fit.variance.school?.toFixed(3)}, within {fit.variance.residual?.toFixed(3)}
      <br />
      {percentOrUnknown(fit.icc.estimate)} of the variance between schools (95% interval{' '}
      {percentOrUnknown(fit.icc.lower)} to {percentOrUnknown(fit.icc.upper)})
      <br />
      {fit.bands.above} above, {fit.bands.in_line} in line, {fit.bands.below} below
    </td>
  );
}

function StageForm({ entry }: { entry: Entry }) {
  const model: StageModel = entry.model;
  const [covariates, setCovariates] = useState(
    model.covariates === null ? 'default' : model.covariates.join(', '),
  );
  const [slope, setSlope] = useState(model.random_slope ?? '');
  const [label, setLabel] = useState(model.outcome_label ?? '');
  const [red, setRed] = useState(String(model.red));
  const [amber, setAmber] = useState(String(model.amber));
  const [reference, setReference] = useState(model.national_reference ?? '');
  const [preview, setPreview] = useState<StageModelPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useAction();
  const body = {
    outcome: model.outcome,
    outcome_label: label.trim() || null,
    covariates: listOf(covariates),
    random_slope: slope.trim() || null,
    red: Number(red),
    amber: Number(amber),
    national_reference: reference || null,
  } satisfies Body<typeof publishStageModelRoute>;
  const changed = () => setPreview(null);
  return (
    <section aria-labelledby={`model-${entry.stage}`}>
      <h3 id={`model-${entry.stage}`}>
        {entry.stage} <span className="muted">({entry.years.join(', ')})</span>
      </h3>
      <p className="muted">
        {model.changed_by
          ? `Published by ${model.changed_by}${model.changed_at ? ` on ${model.changed_at.slice(0, 10)}` : ''}.`
          : 'The defaults: never changed.'}
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void run(async () => {
            setPreview(
              await send<Answer<typeof previewStageModelRoute>>(
                'POST',
                `/api/v1/value-added/models/${path(entry.stage)}/preview`,
                body,
              ),
            );
          }).finally(() => setBusy(false));
        }}
      >
        <label>
          The outcome is{' '}
          <input
            value={label}
            size={16}
            placeholder={model.outcome}
            onChange={(e) => {
              setLabel(e.target.value);
              changed();
            }}
          />
        </label>
        <label>
          Covariates{' '}
          <input
            value={covariates}
            size={40}
            onChange={(e) => {
              setCovariates(e.target.value);
              changed();
            }}
            aria-describedby={`covariates-${entry.stage}`}
          />
        </label>
        <label>
          Random slope{' '}
          <input
            value={slope}
            size={16}
            placeholder="none"
            onChange={(e) => (setSlope(e.target.value), changed())}
          />
        </label>
        <label>
          Red below{' '}
          <input
            type="number"
            step="any"
            value={red}
            size={6}
            onChange={(e) => (setRed(e.target.value), changed())}
          />
        </label>
        <label>
          Amber below{' '}
          <input
            type="number"
            step="any"
            value={amber}
            size={6}
            onChange={(e) => (setAmber(e.target.value), changed())}
          />
        </label>
        <Choice
          label="National reference"
          value={reference}
          onChange={(value) => (setReference(value), changed())}
          empty="the only or first"
          options={entry.references.map((r) => ({ value: r, label: r }))}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Fitting…' : 'Preview'}
        </button>
      </form>
      <p id={`covariates-${entry.stage}`} className="muted">
        Comma-separated context columns; “default” for prior attainment and every column 90% of pupils have;
        empty for the null model (how much of the variance lies between schools).
      </p>
      {error && <Problem error={error} />}
      {preview && (
        <div aria-live="polite">
          <Scroll label={`Preview of ${entry.stage}`}>
            <table className="grid" data-testid={`preview-${entry.stage}`}>
              <thead>
                <tr>
                  <th scope="col">Published</th>
                  <th scope="col">Proposed</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <FitColumn fit={preview.published} />
                  <FitColumn fit={preview.proposed} />
                </tr>
              </tbody>
            </table>
          </Scroll>
          <p data-testid={`changes-${entry.stage}`}>
            On {entry.stage} {preview.academicYear}, {preview.changes.schools} schools would change band
            {preview.changes.examples.length > 0 &&
              `: ${preview.changes.examples
                .slice(0, 8)
                .map((c) => `${c.school} ${c.from.replace('_', ' ')} → ${c.to.replace('_', ' ')}`)
                .join(', ')}`}
            .
          </p>
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                await send<Answer<typeof publishStageModelRoute>>(
                  'PUT',
                  `/api/v1/value-added/models/${path(entry.stage)}`,
                  body,
                );
                setPreview(null);
              })
            }
          >
            Publish and republish {entry.stage}
          </button>
        </div>
      )}
    </section>
  );
}

export function ValueAddedModels() {
  const stages = useQuery({
    queryKey: ['value-added-models'],
    queryFn: () => getJson<Answer<typeof listStageModelsRoute>>('/api/v1/value-added/models'),
  });
  if (stages.isPending) return null;
  if (stages.isError) return <Problem error={stages.error} />;
  if (stages.data.stages.length === 0) return null;
  return (
    <section>
      <h2>Value-added models</h2>
      <p>
        Each stage’s model is fitted within the authority, so its effects average zero; the national reference
        (imported above) says how the authority compares with pupils nationally. A change is previewed on the
        stage’s latest cohort first; publishing republishes every cohort of the stage.
      </p>
      {stages.data.stages.map((entry) => (
        <StageForm key={entry.stage} entry={entry} />
      ))}
    </section>
  );
}
