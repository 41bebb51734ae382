import type { InputHTMLAttributes, ReactNode } from 'react';

/** A button that opens the system file picker; the input inside stays reachable by keyboard and tests. */
export function FileButton({
  children,
  onFiles,
  primary = false,
  ...input
}: {
  children: ReactNode;
  onFiles: (files: FileList) => void;
  primary?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange' | 'children'>) {
  return (
    <label className={primary ? 'button primary' : 'button'}>
      {children}
      <input
        {...input}
        type="file"
        className="visually-hidden"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files?.length) onFiles(files);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}
