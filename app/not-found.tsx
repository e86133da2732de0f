import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-3xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-600">The page you asked for does not exist here.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Go to the start page
      </Link>
    </main>
  );
}
