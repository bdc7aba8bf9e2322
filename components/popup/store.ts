import { create } from 'zustand';

/** The popup's UI state (nothing here is data: records are read from the store by hooks). */

export type SectionId = 'pending' | 'unverified' | 'drift' | 'recent' | 'diagnostics';
export type ReasonAction = 'resolve' | 'dismiss';

export interface ReasonForm {
  id: string;
  action: ReasonAction;
  reason: string;
  /** Shown under the field: the reason is missing. */
  invalid: boolean;
}

export interface Notice {
  kind: 'done' | 'error';
  text: string;
  /** The record the last action can be undone on (the notice shows 되돌리기). */
  undo: { id: string; name: string } | null;
}

export interface PopupUi {
  search: string;
  expanded: Record<SectionId, boolean>;
  form: ReasonForm | null;
  /** The record whose request is in flight (its buttons are disabled). */
  busy: string | null;
  notice: Notice | null;
  setSearch(search: string): void;
  toggle(section: SectionId): void;
  openForm(id: string, action: ReasonAction): void;
  setReason(reason: string): void;
  markInvalid(): void;
  closeForm(): void;
  setBusy(id: string | null): void;
  setNotice(notice: Notice | null): void;
}

export const INITIAL_EXPANDED: Record<SectionId, boolean> = {
  pending: true,
  unverified: false,
  drift: true,
  recent: false,
  diagnostics: false,
};

export const usePopupUi = create<PopupUi>()((set) => ({
  search: '',
  expanded: { ...INITIAL_EXPANDED },
  form: null,
  busy: null,
  notice: null,
  setSearch: (search) => set({ search }),
  toggle: (section) =>
    set((s) => ({ expanded: { ...s.expanded, [section]: !s.expanded[section] } })),
  openForm: (id, action) => set({ form: { id, action, reason: '', invalid: false } }),
  setReason: (reason) => set((s) => (s.form ? { form: { ...s.form, reason, invalid: false } } : s)),
  markInvalid: () => set((s) => (s.form ? { form: { ...s.form, invalid: true } } : s)),
  closeForm: () => set({ form: null }),
  setBusy: (busy) => set({ busy }),
  setNotice: (notice) => set({ notice }),
}));

/** Back to a fresh popup (tests). */
export function resetPopupUi(): void {
  usePopupUi.setState({
    search: '',
    expanded: { ...INITIAL_EXPANDED },
    form: null,
    busy: null,
    notice: null,
  });
}
