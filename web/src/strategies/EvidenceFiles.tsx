// An action's evidence files: the list with size and a download link for whoever reads the strategy, and
// an upload for its lead (a PDF, an image or an office document of at most 10 MB; the server checks).
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { listEvidenceFilesRoute } from '../../../src/strategies/evidence-files-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function EvidenceFiles({ id, canAdd }: { id: number; canAdd: boolean }) {
  const files = useQuery({
    queryKey: ['strategy-action-files', id],
    queryFn: () => getJson<Answer<typeof listEvidenceFilesRoute>>(`/api/v1/strategies/actions/${id}/files`),
  });
  const { error, run } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const fileId = useId();
  return (
    <section aria-labelledby={`${fileId}-files`}>
      <h3 id={`${fileId}-files`}>Files</h3>
      {files.isError && <Problem error={files.error} />}
      {files.data &&
        (files.data.files.length === 0 ? (
          <p>No files yet.</p>
        ) : (
          <ul data-testid="evidence-files">
            {files.data.files.map((f) => (
              <li key={f.id}>
                <span className="date">{f.added_on}</span>{' '}
                <a href={`/api/v1/strategies/files/${f.id}`} download={f.name}>
                  {f.name}
                </a>{' '}
                <span className="muted">
                  ({sizeOf(f.size)}, {f.author})
                </span>
              </li>
            ))}
          </ul>
        ))}
      {canAdd && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            const form = new FormData();
            form.append('file', file);
            void run(async () => {
              await send('POST', `/api/v1/strategies/actions/${id}/files`, form);
              setFile(null);
              (e.target as HTMLFormElement).reset();
            });
          }}
        >
          <label htmlFor={fileId}>Attach a file (PDF, image or office document, up to 10 MB)</label>
          <input id={fileId} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="submit" disabled={!file}>
            Attach
          </button>
          {error && <Problem error={error} />}
        </form>
      )}
    </section>
  );
}
