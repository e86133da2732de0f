import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-3xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-slate-600">Your access to this account does not include this page. Ask the account owner to change your permissions.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Go to the overview
      </Link>
    </main>
  );
}
