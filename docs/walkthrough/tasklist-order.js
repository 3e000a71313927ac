// Walks one order through Camunda Tasklist in headless Chromium, as the volunteers and the two merchants would:
// start form (rice from Hetao Market, oil from Wuda Grain & Oil, a haircut) → Accept order → each merchant confirms
// stock and price and delivers its own goods, seeing only its own task → the goods of each are checked → Schedule the
// service → Deliver to the door (doorstep-delivery, with the address link and a need heard). Screenshots go to ./shots. Needs the app running on :8080 (fresh data).
//   cd docs/walkthrough && npm install && node tasklist-order.js
const { chromium } = require('playwright-core');
const fs = require('fs');

const BASE = process.env.YIZHAN_URL || 'http://127.0.0.1:8080';
fs.mkdirSync(`${__dirname}/shots`, { recursive: true });

async function asUser(user, steps) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${BASE}/camunda/app/tasklist/`);
  await page.fill('input[placeholder="Username"]', user);
  await page.fill('input[placeholder="Password"]', 'demo');
  await page.click('button[type="submit"]');
  await page.waitForSelector("text=本组待办");
  try {
    await steps(page);
  } finally {
    await browser.close();
  }
}

const shot = (page, name) => page.screenshot({ path: `${__dirname}/shots/${name}.png` });
const choose = (page, text) => page.locator('.fjs-form label', { hasText: text }).first().click();

async function work(user, taskName, fill, name) {
  await asUser(user, async (page) => {
    await page.click("text=本组待办");
    await page.waitForTimeout(1000);
    console.log(`${user} sees:`, await page.locator('.tasks-list h4').allInnerTexts());
    await page.click(`.tasks-list >> text=${taskName}`);
    await page.click('text="Claim"');
    await page.waitForTimeout(1000);
    await fill(page);
    await shot(page, name);
    await page.click('button:has-text("Complete")');
    await page.waitForTimeout(2000);
  });
  console.log(`${user}: ${taskName} done`);
}

(async () => {
  await asUser('wang.fang', async (page) => {
    await page.click('text=Start process');
    await page.click('.modal-body >> text=居民点单 → 驿站接单 → 社区送单 (Station order)');
    // the resident by name (number and phone work too); quantities start empty
    await page.getByLabel('居民（编号、姓名或电话） (Resident: number, name or phone)').fill('张桂英');
    await page.locator('.fjs-form-field-select').nth(0).click();
    await page.locator('.fjs-dropdownlist-item', { hasText: '大米' }).first().click();
    await page.locator('.fjs-form-field-number input').nth(0).fill('2');
    await page.locator('.fjs-form-field-select').nth(1).click();
    await page.locator('.fjs-dropdownlist-item', { hasText: '理发' }).first().click();
    await page.locator('.fjs-form-field-number input').nth(1).fill('1');
    await page.locator('.fjs-form-field-select').nth(2).click();
    await page.locator('.fjs-dropdownlist-item', { hasText: '葵花籽油' }).first().click();
    await page.locator('.fjs-form-field-number input').nth(2).fill('1');
    await shot(page, '01-start-form');
    await page.click('.modal-footer >> text=Start');
    await page.waitForTimeout(2000);
  });
  console.log('wang.fang: order placed through the start form');
  await work('wang.fang', '驿站接单 (Accept order)', (p) => choose(p, '驿站接单 (Accept order)'), '02-accept');
  await work('hetao.market', '确认库存价格 (Confirm stock and price)', async (p) => {
    await choose(p, '有货 (In stock)');
    await p.locator('.fjs-form-field-number input').first().fill('65');
  }, '03-confirm-stock');
  await work('hetao.market', '商超送货 (Deliver goods to the station)', (p) => choose(p, '货已送到驿站 (The goods are at the station)'),
    '04-deliver-to-station');
  await work('wuda.grain', '确认库存价格 (Confirm stock and price)', async (p) => {
    await choose(p, '有货 (In stock)');
    await p.locator('.fjs-form-field-number input').first().fill('69.9');
  }, '03b-confirm-stock-wuda');
  await work('wuda.grain', '商超送货 (Deliver goods to the station)', (p) => choose(p, '货已送到驿站 (The goods are at the station)'),
    '04b-deliver-to-station-wuda');
  await work('li.qiang', '验收 (Check quality and quantity)', (p) => choose(p, '合格 (Correct)'), '05-check');
  await work('li.qiang', '验收 (Check quality and quantity)', (p) => choose(p, '合格 (Correct)'), '05b-check');
  await work('li.qiang', '预约服务 (Schedule the service)', async (p) => {
    await p.getByLabel('服务人员 (Provider)').fill('Barber Liu (刘师傅)');
    await p.locator('input[id$="Field_ServiceScheduledAt-date"]').click();
    await p.keyboard.type('11/24/2026', { delay: 50 });
    await p.keyboard.press('Escape');
    await p.locator('input[id$="Field_ServiceScheduledAt-time"]').focus();
    await p.keyboard.type('10:00', { delay: 50 });
    await p.keyboard.press('Tab');
  }, '06-schedule');
  await work('wang.fang', '送货上门 (Deliver to the door)', async (p) => {
    // the address is behind a link that answers only the volunteer who has claimed the task
    const href = await p.locator('.fjs-form a', { hasText: '地址和电话' }).getAttribute('href');
    const delivery = new URL(href, BASE).searchParams.get('delivery');
    const contact = await p.request.get(`${BASE}/api/deliveries/${delivery}/contact`);
    console.log('wang.fang: address link after claiming ->', href, contact.status(), (await contact.json()).address);
    await choose(p, '已送达 (Delivered)');
    await p.getByLabel('签收人 (Received by)').fill('Zhang (张)');
    await choose(p, '5 – 非常满意');
    await choose(p, '已进行反诈宣传 (Anti-fraud talk done)');
    await choose(p, '养老金 (Pension)');
    await p.locator('.fjs-form-field-select').first().click();
    await p.locator('.fjs-dropdownlist-item', { hasText: '代买药品' }).first().click();
    await p.getByLabel('说明 (Details)').first().fill('Blood pressure pills (降压药)');
  }, '07-door');
})().catch((e) => { console.error(e.message); process.exit(1); });
