// A change sent from a page: clears the last error, sends, then refreshes what the page shows; a
// refusal is kept for the page to show beside the form.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

export function useAction() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<Error | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(err as Error);
    }
  };
  return { error, run };
}
