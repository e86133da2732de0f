import { brandAssetHeaders, readBrandAsset } from '@/lib/branding/brand-asset';
import { contextForHost } from '@/lib/tenancy/request-context';

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * GET /api/brand-assets/<logo|favicon>-<sha256>.<png|jpg|svg> on any host of a storefront: that storefront's logo or
 * favicon, never another's (the Host picks the storefront, the name only the file within it). Immutable: the name
 * changes with the content. 304 for a matching If-None-Match.
 */
export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }): Promise<Response> {
  const store = await contextForHost(req.headers.get('host'));
  if (!store) return notFound();
  const asset = await readBrandAsset(store.storefront, (await ctx.params).file);
  if (!asset) return notFound();
  const headers = brandAssetHeaders(asset);
  if (req.headers.get('if-none-match') === headers.etag) {
    const { 'content-length': _length, ...rest } = headers;
    return new Response(null, { status: 304, headers: rest });
  }
  return new Response(new Uint8Array(asset.bytes), { status: 200, headers });
}
