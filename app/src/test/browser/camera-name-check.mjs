// Opens the dashboard in headless Chromium and waits for a camera whose id is the given (hostile) text; reports
// whether the name shows as that literal text, whether any element was made of it, and whether its script ran.
// Usage: node camera-name-check.mjs URL CAMERA_ID   (prints one JSON line)
import { chromium } from "playwright-core";

const [url, cameraId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const result = { url };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(id => [...document.querySelectorAll("section.camera .name")].some(n => n.textContent === id),
      cameraId, { timeout: 60000 });
  await page.waitForTimeout(1000);  // let any injected image fail and fire its handler
  Object.assign(result, await page.evaluate(() => ({
    shownAsText: true,
    injectedImages: document.querySelectorAll('section.camera img[src="x"], section.camera .name img').length,
    scriptRan: window.__xss === 1,
  })));
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
