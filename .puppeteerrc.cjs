// whatsapp-web.js pulls in puppeteer; never download a browser during `npm ci`.
module.exports = { skipDownload: true };
