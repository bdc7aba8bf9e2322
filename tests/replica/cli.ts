/** `npx tsx tests/replica/cli.ts` — run both replicas until Ctrl-C. */
import { startReplica } from './server';

function port(name: string, fallback: number): number {
  const v = process.env[name];
  const n = v ? Number(v) : fallback;
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new Error(`${name} must be a port number, got ${v}`);
  return n;
}

const seedEnv = process.env.REPLICA_SEED;
const replica = await startReplica({
  macgaiPort: port('MACGAI_PORT', 5301),
  managerPort: port('MANAGER_PORT', 5302),
  seed: seedEnv ? Number(seedEnv) : undefined,
});
const s = replica.state();
const m = replica.macgaiUrl;
const lines = [
  '맥가이 / 올톡페이 매니저 replica',
  '',
  `맥가이 (MacGai)       ${m}/`,
  `  쉘 (기본 레이아웃)    ${m}/c_index.aspx?m_idx=1&token=${s.academy.token}`,
  `  쉘 (iframe + grid)    ${m}/c_index.aspx?m_idx=1&token=${s.academy.token}&layout=grid`,
  `  학생관리              ${m}/Student/StudentMng.aspx`,
  `  수납현황              ${m}/Account/SunapStatus.aspx`,
  `  학원정보관리          ${m}/Academy/AcademyInfo.aspx`,
  `올톡페이 매니저         ${replica.managerUrl}/login.do`,
  `  청구서관리            ${replica.managerUrl}/bill/billList.do`,
  '',
  '매니저 로그인 (아이디 / 비밀번호 / 결제취소 비밀번호):',
  ...s.credentials.map((c) => `  ${c.name}: ${c.loginId} / ${c.password} / ${c.cancelPassword}`),
  '',
  `state: GET ${m}/__replica/state   reset: POST ${m}/__replica/reset {"seed":N}`,
  `seed ${s.seed}, today ${s.baseDate}. Ctrl-C to stop.`,
];
console.log(lines.join('\n'));

const stop = () => {
  replica.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
