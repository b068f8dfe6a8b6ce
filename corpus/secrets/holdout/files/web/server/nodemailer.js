const transport = nodemailer.createTransport({
  host: 'smtp.acme.io',
  auth: {
    user: 'noreply@acme.io',
    pass: 'Meadow!ember3261',
  },
});
const hash = crypto.createHash('sha256').update(password).digest('hex');
import('./chunks/main.4de20da1.js');
