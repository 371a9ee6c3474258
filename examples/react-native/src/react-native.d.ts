// The few `react-native` components App.tsx renders. react-native itself is not installed in this
// repository (the snippet is type-checked, never run): these declarations stand in for its types.
declare module "react-native" {
  import type { ComponentType, ReactNode } from "react";

  /** A container (react-native's `View`). */
  export const View: ComponentType<{ children?: ReactNode }>;
  /** Text (react-native's `Text`). */
  export const Text: ComponentType<{ children?: ReactNode }>;
  /** A button (react-native's `Button`). */
  export const Button: ComponentType<{ title: string; onPress: () => void }>;
}
