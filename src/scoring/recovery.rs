//! Which withheld figures the shown ones still give away, found by solving the sums exactly.
//!
//! Every parent's additive figures (answer counts, favourable counts) are the sum of its
//! children's along both trees of [`super::tree`]. A withheld figure is given away when
//! some combination of those equations, with the shown figures put in, leaves it alone: its unit
//! vector lies in the row space of the equations restricted to the withheld figures. This
//! module finds those figures by Gaussian elimination, one connected set of withheld figures at
//! a time, and says which shown figure next to each would best be withheld. It decides nothing
//! itself: `anonymity` withholds and asks again.

use super::tree::Tree;

/// One figure: `(group node, statistic node)`.
pub type Cell = (usize, usize);

/// What is known of a wave's table of figures.
pub struct Table<'a> {
    pub groups: &'a Tree,
    pub statistics: &'a Tree,
    /// Whether each figure is withheld, `[group][statistic]`.
    pub withheld: &'a dyn Fn(Cell) -> bool,
    /// Whether a figure is empty (no answers): it is zero, and known to be, shown or not.
    pub empty: &'a dyn Fn(Cell) -> bool,
    /// People behind a figure, to pick the smallest one to withhold next.
    pub people: &'a dyn Fn(Cell) -> usize,
    /// Differences that must not be given away either, `(whole, part)`: a figure of a group
    /// minus the same figure of one of its parts is the rest of the whole, and where that rest
    /// rests on too few people it is as private as any withheld figure.
    pub rests: &'a [(Cell, Cell)],
}

/// A withheld figure (or, for a rest, the part whose whole minus it) that the shown ones
/// determine, and the shown figure to withhold so that it no longer is (the smallest one that shares an equation with it, or failing that with any
/// withheld figure connected to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposed {
    pub cell: Cell,
    pub withhold: Option<Cell>,
}

/// Every exposed withheld figure of the table.
pub fn exposed(table: &Table<'_>) -> Vec<Exposed> {
    let statistics = table.statistics.len();
    let index = |(g, s): Cell| g * statistics + s;
    let unknown = |cell: Cell| (table.withheld)(cell) && !(table.empty)(cell);
    let equations = equations(table.groups, table.statistics);

    // Withheld figures, numbered, and joined into sets that share equations.
    let mut number = vec![usize::MAX; table.groups.len() * statistics];
    let mut cells = Vec::new();
    for g in 0..table.groups.len() {
        for s in 0..statistics {
            if unknown((g, s)) {
                number[index((g, s))] = cells.len();
                cells.push((g, s));
            }
        }
    }
    let mut sets = Sets::new(cells.len());
    for equation in &equations {
        let mut members = equation.iter().filter(|c| unknown(**c)).map(|c| number[index(*c)]);
        if let Some(first) = members.next() {
            members.for_each(|m| sets.join(first, m));
        }
    }
    let mut by_set: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    for (e, equation) in equations.iter().enumerate() {
        if let Some(c) = equation.iter().find(|c| unknown(**c)) {
            by_set[sets.find(number[index(*c)])].push(e);
        }
    }

    let local_number = |cell: Cell| unknown(cell).then(|| number[index(cell)]);
    let mut found = Vec::new();
    for (set, set_equations) in by_set.iter().enumerate().filter(|(_, e)| !e.is_empty()) {
        let members: Vec<usize> = (0..cells.len()).filter(|m| sets.find(*m) == set).collect();
        let local = |m: usize| members.binary_search(&m).expect("a member of its own set");
        let mut matrix: Vec<Vec<f64>> = set_equations
            .iter()
            .map(|e| {
                let mut row = vec![0.0; members.len()];
                // The first cell of an equation is the parent, the rest its children.
                for (position, cell) in equations[*e].iter().enumerate() {
                    if unknown(*cell) {
                        row[local(number[index(*cell)])] += if position == 0 { 1.0 } else { -1.0 };
                    }
                }
                row
            })
            .collect();
        let determined = determined_columns(&mut matrix, members.len());
        let around: Vec<Cell> = set_equations
            .iter()
            .flat_map(|e| {
                equations[*e]
                    .iter()
                    .copied()
                    .filter(|c| !(table.withheld)(*c) && !(table.empty)(*c))
                    .collect::<Vec<_>>()
            })
            .collect();
        let smallest_around = around.iter().copied().min_by_key(|c| ((table.people)(*c), *c));
        // A rest whose whole and part are both unknown here: given away when the difference of
        // their columns lies in the row space. (One known reduces it to a single figure, which
        // the columns above already answer; two in different sets cannot combine.)
        for (whole, part) in table.rests {
            let (Some(a), Some(b)) = (local_number(*whole), local_number(*part)) else { continue };
            let (Ok(a), Ok(b)) = (members.binary_search(&a), members.binary_search(&b)) else { continue };
            let mut vector = vec![0.0; members.len()];
            (vector[a], vector[b]) = (1.0, -1.0);
            if in_row_space(&matrix, &mut vector) {
                found.push(Exposed { cell: *part, withhold: smallest_around });
            }
        }
        for column in determined {
            let cell = cells[members[column]];
            let shown_next_to = |equation: &Vec<Cell>| -> Vec<Cell> {
                equation.iter().copied().filter(|c| !(table.withheld)(*c) && !(table.empty)(*c)).collect()
            };
            let near: Vec<Cell> = equations.iter().filter(|e| e.contains(&cell)).flat_map(shown_next_to).collect();
            let around: Vec<Cell> = set_equations.iter().flat_map(|e| shown_next_to(&equations[*e])).collect();
            let smallest = |list: &[Cell]| list.iter().copied().min_by_key(|c| ((table.people)(*c), *c));
            found.push(Exposed { cell, withhold: smallest(&near).or_else(|| smallest(&around)) });
        }
    }
    found.sort_by_key(|e| e.cell);
    found.dedup();
    found
}

/// Whether `vector` lies in the row space of `matrix` (in reduced row echelon form): what is
/// left after taking each row's share away is nothing. Uses `vector` up.
fn in_row_space(matrix: &[Vec<f64>], vector: &mut [f64]) -> bool {
    const ZERO: f64 = 1e-9;
    for row in matrix {
        let Some(pivot) = row.iter().position(|v| v.abs() > ZERO) else { continue };
        let factor = vector[pivot];
        if factor.abs() > ZERO {
            vector.iter_mut().zip(row).for_each(|(v, r)| *v -= factor * r);
        }
    }
    vector.iter().all(|v| v.abs() < ZERO)
}

/// Every sum both trees give: the parent first, then its children.
fn equations(groups: &Tree, statistics: &Tree) -> Vec<Vec<Cell>> {
    let mut equations = Vec::new();
    for g in 0..groups.len() {
        for s in 0..statistics.len() {
            if !groups.children(g).is_empty() {
                equations.push(std::iter::once((g, s)).chain(groups.children(g).iter().map(|c| (*c, s))).collect());
            }
            if !statistics.children(s).is_empty() {
                equations.push(std::iter::once((g, s)).chain(statistics.children(s).iter().map(|c| (g, *c))).collect());
            }
        }
    }
    equations
}

/// Brings `matrix` to reduced row echelon form and returns the columns whose value it fixes: a
/// pivot column whose row has nothing in any free column.
fn determined_columns(matrix: &mut [Vec<f64>], columns: usize) -> Vec<usize> {
    const ZERO: f64 = 1e-9;
    let mut pivots = Vec::new();
    let mut rank = 0;
    for column in 0..columns {
        let Some(best) =
            (rank..matrix.len()).max_by(|a, b| matrix[*a][column].abs().total_cmp(&matrix[*b][column].abs()))
        else {
            break;
        };
        if matrix[best][column].abs() < ZERO {
            continue;
        }
        matrix.swap(rank, best);
        let pivot = matrix[rank][column];
        matrix[rank].iter_mut().for_each(|v| *v /= pivot);
        let pivot_row = matrix[rank].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            let factor = row[column];
            if r != rank && factor.abs() > ZERO {
                row.iter_mut().zip(&pivot_row).for_each(|(v, p)| *v -= factor * p);
            }
        }
        pivots.push(column);
        rank += 1;
    }
    let free: Vec<usize> = (0..columns).filter(|c| pivots.binary_search(c).is_err()).collect();
    pivots
        .iter()
        .enumerate()
        .filter(|(row, _)| free.iter().all(|f| matrix[*row][*f].abs() < ZERO))
        .map(|(_, column)| *column)
        .collect()
}

/// Disjoint sets (union-find with path halving).
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bridge_between_two_safe_squares_is_found() {
        // Groups: organisation 0 with teams 1-3. Statistics: overall 0 with dimensions 1-3.
        let groups = Tree::from_children(vec![vec![1, 2, 3], vec![], vec![], vec![]]);
        let statistics = Tree::from_children(vec![vec![1, 2, 3], vec![], vec![], vec![]]);
        // Team 1: dimension 1 and 2; team 2: dimension 1 and 2: a square, undetermined.
        let square = |(g, s): Cell| matches!((g, s), (1, 1) | (1, 2) | (2, 1) | (2, 2));
        let table = |withheld: &dyn Fn(Cell) -> bool| {
            exposed(&Table {
                groups: &groups,
                statistics: &statistics,
                withheld,
                empty: &|_| false,
                people: &|_| 5,
                rests: &[],
            })
        };
        assert!(table(&square).is_empty());
        // One more withheld figure alone in its row: team 3's dimension 3 is the overall minus
        // the rest.
        let exposed = table(&|c| square(c) || c == (3, 3));
        assert_eq!(exposed.len(), 1);
        assert_eq!(exposed[0].cell, (3, 3));
        assert!(exposed[0].withhold.is_some());
    }
}
