// The Headway web app: pages per capability, each asking the API for exactly what it shows.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { AreaPage, AreasPage } from './registry/AreasPage.tsx';
import { SchoolPage } from './registry/SchoolPage.tsx';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1 } } });

function App() {
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          Headway
        </Link>
        <nav>
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<AreasPage />} />
          <Route path="/areas/:code" element={<AreaPage />} />
          <Route path="/schools/:code" element={<SchoolPage />} />
          <Route
            path="*"
            element={
              <p>
                There is no such page. <Link to="/">Back to the areas</Link>
              </p>
            }
          />
        </Routes>
      </main>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
