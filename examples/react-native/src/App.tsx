// A React Native app using realm-recovery with @realm/react 0.11 (realm 12). Type-checked in CI
// against the real realm and @realm/react types; never run (no native Realm here).
//
// The flow: <RealmProvider> opens the synced realm with realm-recovery's schema (stamp properties)
// and client-reset handler; <FollowRecovery> attaches the opened realm to the recovery. After a
// client reset the recovery opens a fresh realm, copies the unsynced writes into it and `state$`
// emits it: the app then renders <RealmProvider realm={fresh}>, so every hook reads the fresh realm.
import type { RealmConfigLike } from "@realm-recovery/core";
import { AppProvider, Realm, RealmProvider, UserProvider, useQuery, useRealm, useUser } from "@realm/react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { Button, Text, View } from "react-native";
import { RecoveryContext, useRecovery } from "./recovery-context.js";
import { TaskSchema, createAppRecovery } from "./recovery.js";

// One App Services app and one recovery for the app's lifetime (outside React, so re-renders and
// StrictMode's double effects never create or detach a second one).
const app = new Realm.App({ id: "your-app-id" });
const recovery = createAppRecovery(Realm, app);

/** The realm configuration the provider opens with and a client reset reopens with. */
function useRecoveryConfig() {
  const user = useUser();
  return useMemo(
    () =>
      ({
        // The strategy adds its stamp properties (fieldStamps, lastUpdated) to each object schema.
        schema: recovery.schema([TaskSchema]),
        sync: {
          user,
          flexible: true,
          // Manual client-reset mode, handled by realm-recovery. Passing realm's own enum value
          // gives the result the `mode` type realm@12's config requires.
          clientReset: recovery.clientReset({ mode: Realm.ClientResetMode.Manual }),
          initialSubscriptions: { update: (subs, realm) => subs.add(realm.objects("Task")) },
        },
      }) satisfies Realm.Configuration,
    [user],
  );
}

/**
 * Rendered inside each provider: attaches the provider's realm to the recovery (when given the
 * config to reopen it with), and reports the fresh realm a client reset replaces it with.
 */
function FollowRecovery(props: { attachWith?: RealmConfigLike; onFresh: (fresh: Realm) => void }) {
  const { attachWith, onFresh } = props;
  const realm = useRealm();
  const recovery = useRecovery();
  useEffect(() => {
    if (attachWith)
      recovery.attach(realm, attachWith).catch((error: unknown) => console.error("attach failed", error));
  }, [recovery, realm, attachWith]);
  useEffect(() => {
    const subscription = recovery.state$.subscribe((state) => {
      // The adapter opened the fresh realm with `Realm.open`: it is a real Realm instance.
      if (state.realm && state.realm !== realm) onFresh(state.realm as unknown as Realm);
    });
    return () => subscription.unsubscribe();
  }, [recovery, realm, onFresh]);
  return null;
}

/** Provides the synced realm, and after a client reset the fresh one the recovery opened. */
function RecoveredRealmProvider({ children }: { children: ReactNode }) {
  const config = useRecoveryConfig();
  const [fresh, setFresh] = useState<Realm | null>(null);

  useEffect(() => {
    const subscription = recovery.events$.subscribe((event) => {
      if (event.type === "recovered") console.log(`recovered ${event.report.upserted} objects`);
      if (event.type === "failed") console.warn(`recovery failed (${event.error.code}); backup kept`);
    });
    return () => subscription.unsubscribe();
  }, []);

  if (fresh)
    return (
      <RealmProvider realm={fresh}>
        <FollowRecovery onFresh={setFresh} />
        {children}
      </RealmProvider>
    );
  return (
    <RealmProvider schema={config.schema} sync={config.sync}>
      <FollowRecovery attachWith={config} onFresh={setFresh} />
      {children}
    </RealmProvider>
  );
}

/** A task as the app reads it. */
interface Task {
  _id: string;
  title: string;
  done: boolean;
}

/** The task list. Writes go through `recovery.write`, which stamps them (and tombstones deletes). */
function TaskList() {
  const realm = useRealm();
  const recovery = useRecovery();
  const tasks = useQuery<Task & Realm.Object>("Task");
  const toggle = (task: Task) =>
    recovery.write(realm, (tx) => tx.update("Task", task._id, { done: !task.done }));
  const add = () =>
    recovery.write(realm, (tx) =>
      tx.create("Task", { _id: new Realm.BSON.ObjectId().toHexString(), title: "New task", done: false }),
    );
  return (
    <View>
      {tasks.map((task) => (
        <Button
          key={task._id}
          title={`${task.done ? "[x]" : "[ ]"} ${task.title}`}
          onPress={() => toggle(task)}
        />
      ))}
      <Button title="Add a task" onPress={add} />
    </View>
  );
}

/** The app: the App Services app, a logged-in user, the recovered realm, the screen. */
export function App() {
  return (
    <AppProvider app={app}>
      <UserProvider fallback={<Text>Log in first</Text>}>
        <RecoveryContext.Provider value={recovery}>
          <RecoveredRealmProvider>
            <TaskList />
          </RecoveredRealmProvider>
        </RecoveryContext.Provider>
      </UserProvider>
    </AppProvider>
  );
}
