// Serves the release build in dist/ for `scripts/serve.sh`: the same small static server and
// the same strict Content-Security-Policy header as the end-to-end tests, so what a person looks
// at is what the tests check. It sends the build's precompressed copies, the right types and
// revalidation headers, as the README's "Serving" asks of a production server. Prints only the
// addresses that open.
import { serve } from '../tests/e2e/server.mjs';

const port = Number(process.env.PORT ?? 8080);
const { url } = await serve('dist', { port });
console.log(`The reader is served at ${url}/`);
console.log(`  other samples: ${url}/?article=static/articles/reader-en.json`);
console.log(`  a channel page: ${url}/?article=static/channels/llyj.json`);
console.log(`  embedded in a host page: ${url}/static/embed.html`);
console.log('Stop with Ctrl+C.');
