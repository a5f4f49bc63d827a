// Lighthouse (mobile) on several addresses with one Chromium: prints one JSON object on stdout,
// {url: {scores: {category: 0..1}, failing: [[category, audit id, score, value], ...]}}.
// Run by bench/lighthouse.py (which starts the site); usage: node bench/lighthouse.mjs URL...
// CHROME_PATH picks the browser (default /usr/bin/chromium). Nothing leaves 127.0.0.1: Chromium's
// own background traffic is switched off, and the pages load nothing from elsewhere.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const ATTEMPTS = 3;
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = {};
try {
  for (const url of urls) {
    // Lighthouse now and then loses the trace of a load (NO_NAVSTART, NO_FCP on a busy machine): that
    // run has no score, not a low one, and is run again (at most ATTEMPTS times in all).
    let lhr;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      lhr = (await lighthouse(url, {
        port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
        formFactor: "mobile", disableFullPageScreenshot: true,
        skipAudits: ["screenshot-thumbnails", "final-screenshot", "full-page-screenshot"],
      })).lhr;
      if (!lhr.runtimeError) break;
      process.stderr.write(`${url}: ${lhr.runtimeError.code}, attempt ${attempt} of ${ATTEMPTS}\n`);
    }
    const failing = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push([category.id, ref.id, audit.score, audit.displayValue || ""]);
        }
      }
    }
    results[url] = {
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score])),
      failing,
      errors: lhr.runtimeError ? [lhr.runtimeError.message] : [],
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
