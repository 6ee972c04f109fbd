// Opens the EmoStream dashboard in headless Chromium and checks that it receives events, draws face boxes
// and the timeline chart. Usage: node dashboard-check.mjs URL SCREENSHOT.png   (prints one JSON line)
import { chromium } from "playwright-core";

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const result = { url };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.body.dataset.events || 0) >= 5, null, { timeout: 45000 });
  await page.waitForFunction(() => [...document.querySelectorAll("section.camera")]
      .some(s => Number(s.dataset.boxes || 0) > 0 && Number(s.dataset.timelinePoints || 0) > 0
                 && Number(s.dataset.frameWidth || 0) > 0), null, { timeout: 30000 });
  Object.assign(result, await page.evaluate(() => {
    const cam = document.querySelector("section.camera");
    return {
      events: Number(document.body.dataset.events),
      cameras: document.querySelectorAll("section.camera").length,
      boxes: Number(cam.dataset.boxes),
      timelinePoints: Number(cam.dataset.timelinePoints),
      frameWidth: Number(cam.dataset.frameWidth),
      people: Number(cam.dataset.people || 0),
      peopleText: cam.querySelector(".people").textContent,
      status: document.getElementById("status").textContent,
    };
  }));
  // SETTLE_MS lets the charts fill before the screenshot (for documentation pictures).
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 0));
  await page.screenshot({ path: screenshot });
  result.errors = errors;
  result.ok = errors.length === 0;
} catch (e) {
  result.ok = false;
  result.error = String(e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
