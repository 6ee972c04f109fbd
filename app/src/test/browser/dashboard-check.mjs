// Opens the EmoStream console in headless Chromium and checks it as an operator would use it: events arrive, the
// people are boxed on the frame they belong to, the history chart and the visit list fill, a reload brings the
// history straight back, and at phone width (390 px) nothing overflows. Screenshots at both widths.
// Usage: node dashboard-check.mjs URL SCREENSHOT.png [CAMERAS]   (prints one JSON line; waits for CAMERAS cameras, default 1)
import { chromium } from "playwright-core";

const [url, screenshot, wanted] = process.argv.slice(2);
const cameraCount = Number(wanted || 1);
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
  await page.waitForFunction(n => [...document.querySelectorAll("section.camera")]
      .filter(s => Number(s.dataset.boxes || 0) > 0 && Number(s.dataset.timelinePoints || 0) > 0
                   && Number(s.dataset.frameWidth || 0) > 0).length >= n, cameraCount, { timeout: 45000 });
  await page.waitForFunction(() => Number(document.body.dataset.visits || 0) >= 1, null, { timeout: 30000 });
  Object.assign(result, await page.evaluate(() => {
    const cam = [...document.querySelectorAll("section.camera")].find(s => Number(s.dataset.boxes || 0) > 0);
    return {
      events: Number(document.body.dataset.events),
      cameras: document.querySelectorAll("section.camera").length,
      boxes: Number(cam.dataset.boxes),
      boxesOnTheirFrame: cam.dataset.boxesSequence === "" || cam.dataset.boxesSequence === cam.dataset.shownSequence,
      timelinePoints: Number(cam.dataset.timelinePoints),
      frameWidth: Number(cam.dataset.frameWidth),
      people: Number(cam.dataset.people || 0),
      peopleText: cam.querySelector(".people").textContent,
      visits: Number(document.body.dataset.visits),
      visitCamera: document.querySelector("#visits td.cam")?.textContent,
      status: document.getElementById("status").textContent,
      perCamera: Object.fromEntries([...document.querySelectorAll("section.camera")].map(s => [s.querySelector(".name").textContent,
          { people: Number(s.dataset.people || 0), peopleText: s.querySelector(".people").textContent, boxes: Number(s.dataset.boxes || 0),
            frameWidth: Number(s.dataset.frameWidth || 0), onTheirFrame: s.dataset.boxesSequence === "" || s.dataset.boxesSequence === s.dataset.shownSequence }])),
    };
  }));
  // SETTLE_MS lets the charts fill before the screenshot (for documentation pictures).
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 0));
  await page.screenshot({ path: screenshot });

  // A reload: the history is there at once, from the console, not from what this page had collected
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.historyLoaded === "true" && Number(document.body.dataset.historyWindows || 0) > 0,
      null, { timeout: 15000 });
  result.historyWindowsAfterReload = await page.evaluate(() => Number(document.body.dataset.historyWindows));

  // Phone width: nothing wider than the screen
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(2500);
  result.phoneOverflowPx = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-phone.png"), fullPage: true });
  result.errors = errors;
  result.ok = errors.length === 0;
} catch (e) {
  result.ok = false;
  result.error = String(e);
  try {  // what the page had, to tell which wait timed out
    result.state = await (await browser.contexts()[0].pages()[0]).evaluate(() => ({
      body: {...document.body.dataset},
      cameras: [...document.querySelectorAll("section.camera")].map(s => ({...s.dataset, name: s.querySelector(".name").textContent})),
      status: document.getElementById("status").textContent }));
  } catch (ignored) { /* the page is gone */ }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
