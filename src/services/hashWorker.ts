/** A hashing thread for hashMany: receives passwords, answers with their PHC strings. */
import { parentPort, workerData } from 'node:worker_threads';
import { hashSync, type Options } from '@node-rs/argon2';

const options = workerData as Options;
parentPort!.on('message', (password: string) => parentPort!.postMessage(hashSync(password, options)));
