// Package list is the one list screen component of the console (in the
// spirit of soft-serve's selector): a screen that lists records supplies
// its columns, cells, actions and texts in a Spec; the list owns everything
// list screens share.
//
// What the list owns:
//   - the virtual table (ui/widgets/vtable): cursor, scrolling, marks
//     (space, ctrl+a), match highlighting, tones;
//   - loading: Reload (the screen calls it from Init; the App calls the
//     screen's Reload on ctrl+r), pages (Page.Next, streamed at once or
//     Lazy as the cursor nears the end), stale pages of an older load
//     dropped, the old rows kept on screen until the first page arrives;
//   - the "/" filter bar: a local fuzzy filter off the UI thread with stale
//     results dropped (ui/widgets/filter), or a debounced server search
//     (Spec.ServerSearch); enter keeps it, esc clears it; the best match
//     goes to the top when the query changes;
//   - sorting (Spec.Sorts: o cycles, O flips), off the UI thread;
//   - the states and their texts: loading, loaded, failed (the error, not
//     the "press n" hint), empty (read-only sessions get their own text),
//     no match;
//   - the info line: "/ query · 3 of 12 devices · 2 marked, 1 hidden by
//     the filter · sort: Name ↑ · loading…", singular and plural right;
//   - confirm-then-act (Confirm), one write at a time with its busy text
//     (Do), rows changed without a reload (Put, Remove: the cursor stays at
//     the same place), the detail push on enter (Spec.Detail);
//   - typed-ahead keys: Settling (ui.Settler) is true while the rows on
//     screen are about to be replaced (a filter, search, sort or reload not
//     yet answered), so the App holds the keys meant for the screen until
//     they act on the rows the person will see.
//
// A screen keeps a *Model[T] and:
//
//	m.list = list.New(c, list.Spec[client.Device]{
//		Noun: "device", Nouns: "devices",
//		Columns: columns, Cells: cells, Key: key, Match: matchCols,
//		Load: func(ctx context.Context, _ string) (list.Page[client.Device], error) { … },
//		Detail: func(d client.Device) ui.Screen { return newDetail(c, d) },
//		Texts: list.Texts{Empty: "No devices yet — press n to add one"},
//	})
//
//	// Screen (embedded) gives Init, Reload, Close, CapturesInput, Settling,
//	// Busy and Handle; the screen adds its actions and its own methods.
//	m.Screen = list.Screen[client.Device]{List: m.list, OnKey: m.onKey, OnPopped: m.onPopped, Sync: m.syncKeys}
//
//	func (m *Model) Title() string       { return "Devices" }
//	func (m *Model) KeyMap() help.KeyMap { return m.keys }
//	func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }
//	func (m *Model) View() string        { return m.list.View() /* + Screen.Below lines */ }
//
// onKey gets the keys the list did not take: actions on m.list.Focused()
// or m.list.Marked(). A screen with more to do in Update calls
// m.list.Update(msg) first and handles what it did not take.
//
// An action that asks first:
//
//	return m.list.Confirm("Delete device", "Delete “web01”?", func(string) tea.Cmd {
//		return m.list.Do("Deleting “web01”…", func(ctx context.Context) func() tea.Cmd {
//			err := api.Delete(ctx, id) // in a command
//			return func() tea.Cmd { // back on the UI thread
//				if err != nil { return ui.ToastErr(err) }
//				return tea.Batch(m.list.Remove(key), ui.Toast(ui.ToastSuccess, "Deleted “web01”"))
//			}
//		})
//	})
//
// The screen's key map shows the list's bindings (KeyMap.Short, KeyMap.Full)
// next to its own; they are enabled only when they apply, so help never lies.
// ctrl+r is the App's global key and is not listed by screens.
package list
