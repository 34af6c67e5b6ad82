interface TextInputProps {
  name: string;
  value: string;
  onValue: (v: string) => void;
  /** A password field (the operator's token): not shown, not remembered by the browser. */
  secret?: boolean;
  placeholder?: string;
  required?: boolean;
  minLength?: number;
  maxLength: number;
}

/** A controlled, bounded text input: the value lives in the caller's state. */
export function TextInput({ onValue, secret, ...rest }: TextInputProps) {
  const onInput = (e: Event): void => onValue((e.target as HTMLInputElement).value);
  return secret ? (
    <input {...rest} type="password" autoComplete="off" onInput={onInput} />
  ) : (
    <input {...rest} type="text" onInput={onInput} />
  );
}
