// What the post_build steps of Trunk.toml (minify-glue.mjs, minify-static.mjs, precompress.mjs)
// share: the build folder they work on, and their leaving a debug build as it is.

/**
 * The folder to work on: the command line's first argument (a run by hand, always done), else
 * the staging folder Trunk passes. Exits with status 2 and a usage line when there is neither,
 * and with status 0 after `debugNote` for a debug build run by Trunk (kept readable, and quick).
 */
export function releaseDir(script, debugNote) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error(`usage: node scripts/${script}.mjs DIR (Trunk passes TRUNK_STAGING_DIR)`);
    process.exit(2);
  }
  if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
    console.error(`[${script}] debug build: ${debugNote}`);
    process.exit(0);
  }
  return dir;
}
