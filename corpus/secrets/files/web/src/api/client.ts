import axios from 'axios';

const api = axios.create({ headers: { 'x-api-key': 'ZjrnY7c9BaXX1FFCJzF02E4vyi48zlEO' } });
const api2 = axios.create({ headers: { 'x-api-key': process.env.API_KEY! } });
const SERVICE_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MTAxMiIsIm5hbWUiOiJhbmEiLCJpYXQiOjE2MDE2NTM4NTMsInJvbGUiOiJzZXJ2aWNlIn0.fMdWZnG63zMoH3tAepB1oGMqKYQZFCVxE_MEJCb7wGI';
await mongoose.connect('mongodb+srv://app:ZIkugrtYbR9yEcR9@cluster0.ab1cd.mongodb.net/shop');
await mongoose.connect('mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/');
  forgotPassword: 'Forgot your password?',
if (password.length < MIN_PASSWORD_LENGTH) throw new Error('password too short');
const token = await getToken({ audience: 'api://default' });
  apiKey: 'AIzarrxMooV2XiiG5TZPgSgi5v04TPkANcThuuD',
  authDomain: 'acme-prod.firebaseapp.com',
