// Draws a BPMN file the way Camunda Modeler does (both use bpmn-js) and saves it as a PNG, in headless Chromium.
//   cd docs/render && npm install && node render-bpmn.js ../../processes/station-order.bpmn ../station-order.png [width]
// Prints the import warnings bpmn-js reports (an empty list means Modeler opens the file cleanly).
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const [, , bpmnFile, pngFile, width = '3300'] = process.argv;
const dist = path.join(__dirname, 'node_modules/bpmn-js/dist');

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: Number(width), height: 850 } });
  const css = ['diagram-js.css', 'bpmn-js.css'].map((f) => fs.readFileSync(path.join(dist, 'assets', f))).join('\n');
  await page.setContent(`<html><head><style>${css} body{margin:0;background:#fff} #canvas{width:${width}px;height:850px}</style>
    </head><body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ path: path.join(dist, 'bpmn-viewer.development.js') });
  const result = await page.evaluate(async (xml) => {
    const viewer = new BpmnJS({ container: '#canvas' });
    try {
      const { warnings } = await viewer.importXML(xml);
      viewer.get('canvas').zoom('fit-viewport');
      return { warnings: warnings.map((w) => w.message) };
    } catch (e) {
      return { error: e.message };
    }
  }, fs.readFileSync(bpmnFile, 'utf8'));
  console.log(JSON.stringify(result));
  await page.screenshot({ path: pngFile });
  await browser.close();
  process.exit(result.error || result.warnings.length ? 1 : 0);
})();
