// A node dies while a volunteer works in Tasklist (docs/operations.md, "集群部署 (Running a cluster)"): two nodes on one
// PostgreSQL database behind HAProxy, the volunteer signed in through the balancer. The script places an order over
// the API, has li.qiang open it in Tasklist and claim it, runs KILL_CMD (kill -9 of one node), and has him fill in
// and complete the task in the same page: no second sign-in, no lost task. Then it opens the next task of the order.
//   YIZHAN_URL=http://127.0.0.1:8088 KILL_CMD='kill -9 12345' node tasklist-failover.js
const { execSync } = require('child_process');
const { open } = require('./common');

const BASE = process.env.YIZHAN_URL || 'http://127.0.0.1:8088';
const KILL_CMD = process.env.KILL_CMD;

(async () => {
  const basic = 'Basic ' + Buffer.from('wang.fang:demo').toString('base64');
  const placed = await fetch(`${BASE}/api/orders`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: basic },
    body: JSON.stringify({ residentId: 'R-0002', items: [{ sku: 'RICE-5KG', quantity: 1 }], deliveryPreference: null,
      note: 'failover walk' }) });
  const orderNo = (await placed.json()).orderNo;
  console.log('order placed:', placed.status, orderNo);

  const { browser, page } = await open();
  const requests = [];
  page.on('requestfinished', async (r) => requests.push({ url: r.url(), status: (await r.response())?.status() }));
  page.on('requestfailed', (r) => console.log('request failed:', r.url(), r.failure()?.errorText));
  try {
    await page.goto(`${BASE}/camunda/app/tasklist/`);
    await page.fill('input[placeholder="Username"]', 'li.qiang');
    await page.fill('input[placeholder="Password"]', 'demo');
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=本组待办');
    await page.goto(`${BASE}/camunda/app/tasklist/default/#/?searchQuery=${encodeURIComponent(JSON.stringify(
      [{ type: 'processInstanceBusinessKey', operator: 'eq', value: orderNo, name: '' }]))}`);
    await page.click('text=本组待办');
    await page.locator('.tasks-list li', { hasText: orderNo }).first().click();
    await page.locator('button', { hasText: /Claim|认领/ }).first().click();
    await page.waitForSelector('.fjs-form');
    await page.screenshot({ path: `${__dirname}/shots/failover-1-claimed.png` });
    console.log('li.qiang claimed the accept task of', orderNo);

    if (KILL_CMD) {
      execSync(KILL_CMD);
      console.log('ran:', KILL_CMD, 'at', new Date().toISOString());
    }
    const before = requests.length;
    const started = Date.now();
    await page.locator('.fjs-form label', { hasText: '驿站接单 (Accept order)' }).first().click();
    await page.locator('button', { hasText: /Complete|完成/ }).first().click();
    await page.waitForSelector('text=已完成', { timeout: 60000 });
    console.log(`completed after the kill in ${Date.now() - started} ms; login page shown: ${
      await page.locator('input[placeholder="Username"]').count() > 0}`);
    console.log('requests after the kill:', requests.slice(before).map((r) => `${r.status} ${r.url.replace(BASE, '')}`)
      .join('\n  '));
    await page.screenshot({ path: `${__dirname}/shots/failover-2-completed.png` });
    const next = await fetch(`${BASE}/engine-rest/task?processInstanceBusinessKey=${orderNo}`,
      { headers: { Authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64') } });
    console.log('open tasks of the order now:', (await next.json()).map((t) => t.name));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
