import { formatBizNo, parseBizNo } from '@/lib/domain';
import { t } from '@/lib/i18n';
import type { Payload } from '@/lib/store/contract';
import type { BusinessRow, PasswordPolicy } from '@/lib/store/db';

/** What the business form holds while it is edited (every field as typed). */
export interface BusinessDraft {
  id?: string;
  name: string;
  bizNo: string;
  managerUrl: string;
  managerAccount: string;
  passwordPolicy: PasswordPolicy;
  /** A new cancel password; '' keeps the stored one (if any). */
  password: string;
}

export type BusinessField = 'name' | 'bizNo' | 'managerUrl' | 'password';
export type FieldErrors = Partial<Record<BusinessField, string>>;

export const EMPTY_DRAFT: BusinessDraft = {
  name: '',
  bizNo: '',
  managerUrl: '',
  managerAccount: '',
  passwordPolicy: 'derive',
  password: '',
};

export function draftOf(b: BusinessRow): BusinessDraft {
  return {
    id: b.id,
    name: b.name,
    bizNo: b.bizNo ? formatBizNo(b.bizNo) : '',
    managerUrl: b.managerUrl ?? '',
    managerAccount: b.managerAccount ?? '',
    passwordPolicy: b.passwordPolicy,
    password: '',
  };
}

/** The 사업자번호's problem in Korean (the check digit included), or null when it is valid. */
export function bizNoError(input: string): string | null {
  const parsed = parseBizNo(input);
  if (parsed.ok) return null;
  return t(parsed.error.code === 'bizno_checksum' ? 'optErrBizNoChecksum' : 'optErrBizNoFormat');
}

function managerUrl(input: string): string | null | false {
  const s = input.trim();
  if (!s) return null;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : false;
  } catch {
    return false;
  }
}

/**
 * Checks a draft and builds the request. The cancel password: sent when typed (policy 'stored'),
 * cleared (null) when the policy no longer stores one, otherwise left out (kept as it is).
 */
export function validateBusiness(
  draft: BusinessDraft,
  hasStoredPassword: boolean,
): { ok: true; payload: Payload<'business.save'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = t('optErrName');
  let bizNo: string | null = null;
  if (draft.bizNo.trim()) {
    const parsed = parseBizNo(draft.bizNo);
    if (parsed.ok) bizNo = formatBizNo(parsed.value);
    else errors.bizNo = bizNoError(draft.bizNo) ?? undefined;
  } else if (draft.passwordPolicy === 'derive') {
    errors.bizNo = t('optErrDeriveNeedsBizNo');
  }
  const url = managerUrl(draft.managerUrl);
  if (url === false) errors.managerUrl = t('optErrUrl');
  let password: string | null | undefined;
  if (draft.passwordPolicy === 'stored') {
    if (draft.password) password = draft.password;
    else if (!hasStoredPassword) errors.password = t('optErrPasswordRequired');
  } else if (hasStoredPassword) {
    password = null;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const payload: Payload<'business.save'> = {
    name,
    bizNo,
    managerUrl: url || null,
    managerAccount: draft.managerAccount.trim() || null,
    passwordPolicy: draft.passwordPolicy,
  };
  if (draft.id) payload.id = draft.id;
  if (password !== undefined) payload.password = password;
  return { ok: true, payload };
}
