import type { CsvLabels } from '@/lib/audit/export';
import type { FileSummary, ReportGroup } from '@/lib/audit/model';
import { t } from '@/lib/i18n';

/** The group names, in the user's language. */
export function groupName(group: ReportGroup): string {
  switch (group) {
    case 'pending':
      return t('auditGroupPending');
    case 'drift':
      return t('auditGroupDrift');
    case 'paidOneSide':
      return t('auditGroupPaidOneSide');
    case 'ambiguous':
      return t('auditGroupAmbiguous');
    case 'unmatchedMacgai':
      return t('auditGroupUnmatchedMacgai');
    case 'unmatchedManager':
      return t('auditGroupUnmatchedManager');
  }
}

export function groupHint(group: ReportGroup): string {
  switch (group) {
    case 'pending':
      return t('auditHintPending');
    case 'drift':
      return t('auditHintDrift');
    case 'paidOneSide':
      return t('auditHintPaidOneSide');
    case 'ambiguous':
      return t('auditHintAmbiguous');
    case 'unmatchedMacgai':
      return t('auditHintUnmatchedMacgai');
    case 'unmatchedManager':
      return t('auditHintUnmatchedManager');
  }
}

export const siteName = (site: 'macgai' | 'manager'): string =>
  site === 'macgai' ? t('auditSideMacgai') : t('auditSideManager');

/** Why a file was refused, naming what was missing. */
export function problemText(problem: NonNullable<FileSummary['problem']>): string {
  switch (problem.code) {
    case 'empty':
      return t('auditProblemEmpty');
    case 'too_big':
      return t('auditProblemTooBig');
    case 'xls_binary':
      return t('auditProblemXls');
    case 'invalid_xlsx':
      return t('auditProblemInvalidXlsx');
    case 'not_spreadsheet':
      return t('auditProblemNotSpreadsheet');
    case 'wrong_site':
      return problem.site === 'macgai'
        ? t('auditProblemLooksMacgai')
        : t('auditProblemLooksManager');
    case 'no_header':
      return t('auditProblemNoHeader', problem.missing.join(', '));
    case 'no_rows':
      return t('auditProblemNoRows');
  }
}

export function csvLabels(names: { macgai: string[]; manager: string[] }): CsvLabels {
  return {
    columns: {
      group: t('auditColGroup'),
      customer: t('auditColStudent'),
      date: t('auditColDate'),
      amount: t('auditColAmount'),
      macgaiStatus: t('auditColMacgaiStatus'),
      note: t('auditColNote'),
      invoiceCustomer: t('auditColCustomer'),
      phone: t('auditColPhone'),
      registeredAt: t('auditColRegistered'),
      managerStatus: t('auditColManagerStatus'),
      paidAt: t('auditColPaidAt'),
      approvalNo: t('auditColApproval'),
      macgaiAt: t('auditColMacgaiAt'),
      managerAt: t('auditColManagerAt'),
      detail: t('auditColDetail'),
    },
    groups: {
      pending: groupName('pending'),
      drift: groupName('drift'),
      paidOneSide: groupName('paidOneSide'),
      ambiguous: groupName('ambiguous'),
      unmatchedMacgai: groupName('unmatchedMacgai'),
      unmatchedManager: groupName('unmatchedManager'),
    },
    paidIn: (site) => t('auditPaidIn', siteName(site)),
    candidateOf: (n) => t('auditCandidates', n),
    force: t('auditForce'),
    files: names,
  };
}
