// "Delete" that asks once more in place: the first click arms it and shows the confirming button (which
// names what goes) beside a cancel. The admin lists (canned responses, labels) share it.
export function ConfirmDelete(props: {
  armed: boolean;
  onArm(): void;
  onConfirm(): void;
  onCancel(): void;
  deleteLabel: string;
  confirmLabel: string;
  cancelLabel: string;
}) {
  if (!props.armed)
    return (
      <button type="button" onClick={props.onArm}>
        {props.deleteLabel}
      </button>
    );
  return (
    <>
      <button type="button" onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </>
  );
}
